package dev.sesbinding.serving;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.core.internal.GoUnquote;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A binding whose sends are idempotent by the request metadata {@code idempotencyKey}, for every
 * way in at once: the first call with a key sends; a call with it while the first is in flight
 * waits for that answer; a later one gets the first's answer again, marked {@code
 * idempotencyReplay: true}, without sending; the same key with another email (operation, data or
 * metadata differ) is the caller's error. A first send that failed for certain (refused by the
 * binding or SES, throttled, unreachable) frees its key for a corrected retry; one that timed out
 * may have sent, so its key is refused with {@link ErrorCase#OUTCOME_UNKNOWN} for the rest of the
 * window, unless the component says {@code idempotencyOnUnknown: resend}. A caller that gives up
 * does not call off a keyed send once started: it runs to its outcome (by the binding's own
 * deadline), which the caller's retry with the key then gets; at most {@value #MAX_DETACHED} such
 * sends at once, beyond which a give-up calls the send off as it would without a key.
 */
public final class IdempotentBinding implements OutputBinding {
  static final int MAX_KEY_LENGTH = 256;
  private static final HexFormat HEX = HexFormat.of();

  /** One SHA-256 per thread, reset after each digest: a call allocates none. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(IdempotentBinding::newSha256);

  /**
   * What one key kept in memory may hold of the heap, at most: a 256-character key, its digest, its
   * state and the first answer (a message id), with the map's and futures' overhead.
   */
  static final long BYTES_PER_KEY = 1024;

  /** Keyed sends that may run on after their callers gave up, at once, per component. */
  static final int MAX_DETACHED = 64;

  private final String name;
  private final OutputBinding binding;
  private final IdempotencySettings settings;
  private final IdempotencyStore keys;
  private final AtomicInteger detached = new AtomicInteger();

  private IdempotentBinding(
      String name, OutputBinding binding, IdempotencySettings settings, IdempotencyStore keys) {
    this.name = name;
    this.binding = binding;
    this.settings = settings;
    this.keys = keys;
  }

  /**
   * Component {@code name}'s {@code binding}, its sends idempotent as {@code settings} say, its
   * keys in this process's memory.
   */
  public static IdempotentBinding of(
      String name, OutputBinding binding, IdempotencySettings settings) {
    return of(name, binding, settings, System::nanoTime);
  }

  /** As {@link #of(String, OutputBinding, IdempotencySettings)}, its window on {@code clock}. */
  static IdempotentBinding of(
      String name, OutputBinding binding, IdempotencySettings settings, LongSupplier clock) {
    return of(name, binding, settings, new MemoryIdempotencyStore(settings, clock));
  }

  /** Component {@code name}'s {@code binding}, its keys in {@code store} (which it closes). */
  public static IdempotentBinding of(
      String name, OutputBinding binding, IdempotencySettings settings, IdempotencyStore store) {
    return new IdempotentBinding(name, binding, settings, store);
  }

  @Override
  public Set<String> operations() {
    return binding.operations();
  }

  @Override
  public CompletionStage<Void> ping() {
    return binding.ping();
  }

  @Override
  @SuppressWarnings("FutureReturnValueIgnored") // the callback handles every outcome
  public CompletionStage<InvokeResponse> invoke(InvokeRequest request) {
    String key = request.metadata().getOrDefault(IdempotencySettings.KEY, "");
    if (key.isEmpty()) {
      return settings.required()
          ? caller(
              "SES binding error: component "
                  + name
                  + " requires the metadata key "
                  + IdempotencySettings.KEY
                  + ", one per email")
          : binding.invoke(request);
    }
    if (key.length() > MAX_KEY_LENGTH || hasControlCharacter(key)) {
      return caller(
          "SES binding error: "
              + IdempotencySettings.KEY
              + " must be at most "
              + MAX_KEY_LENGTH
              + " characters, none of them a control character");
    }
    CompletableFuture<InvokeResponse> answer = new CompletableFuture<>();
    claim(key, digest(request), request, answer);
    return answer;
  }

  private static boolean hasControlCharacter(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("FutureReturnValueIgnored") // the callback handles every outcome
  private void claim(
      String key, String digest, InvokeRequest request, CompletableFuture<InvokeResponse> answer) {
    keys.claim(key, digest, settings.resendOnUnknown())
        .whenComplete(
            (claim, failure) -> {
              if (failure == null) {
                answer(key, digest, claim, request, answer);
              } else if (settings.sendWhenStoreDown()) {
                binding
                    .invoke(request)
                    .whenComplete(
                        (response, sendFailure) -> {
                          if (sendFailure == null) {
                            answer.complete(response);
                          } else {
                            answer.completeExceptionally(sendFailure);
                          }
                        });
              } else {
                answer.completeExceptionally(storeDown(failure));
              }
            });
  }

  @SuppressWarnings("FutureReturnValueIgnored") // the callbacks handle every outcome
  private void answer(
      String key,
      String digest,
      IdempotencyStore.Claim claim,
      InvokeRequest request,
      CompletableFuture<InvokeResponse> answer) {
    switch (claim.state()) {
      case FULL ->
          answer.completeExceptionally(
              new Refused(
                  ErrorCase.OVERLOADED,
                  "too many idempotency keys remembered (limit "
                      + settings.maxKeys()
                      + ", idempotencyMaxKeys); retry later",
                  null));
      case MINE -> send(claim, key, request, answer);
      default -> {
        if (!claim.digest().equals(digest)) {
          answer.completeExceptionally(
              new BindingException(
                  BindingException.Kind.CALLER,
                  "SES binding error: "
                      + IdempotencySettings.KEY
                      + " \""
                      + key
                      + "\" was given to another email within the idempotency window; give each"
                      + " email a key of its own"));
        } else if (claim.state() == IdempotencyStore.State.UNKNOWN) {
          answer.completeExceptionally(unknownOutcome(key));
        } else {
          // in flight, or sent: this call gets the first one's answer, without sending
          CompletableFuture<InvokeResponse> first = new CompletableFuture<>();
          answer.whenComplete((response, failure) -> first.cancel(false)); // caller gave up
          first.whenComplete(
              (response, failure) -> {
                if (failure == null) {
                  answer.complete(replayed(response));
                } else if (InvocationFailure.cause(failure) instanceof IdempotencyStore.Released
                    && !answer.isDone()) {
                  claim(key, digest, request, answer); // the first failed for certain: try again
                } else if (InvocationFailure.cause(failure) instanceof IdempotencyStore.Unknown) {
                  answer.completeExceptionally(unknownOutcome(key));
                } else {
                  answer.completeExceptionally(failure);
                }
              });
          claim.answerInto(first);
        }
      }
    }
  }

  @SuppressWarnings("FutureReturnValueIgnored") // both callbacks handle every outcome
  private void send(
      IdempotencyStore.Claim mine,
      String key,
      InvokeRequest request,
      CompletableFuture<InvokeResponse> answer) {
    CompletableFuture<InvokeResponse> sending;
    try {
      sending = answer.isDone() ? answer : binding.invoke(request).toCompletableFuture();
    } catch (RuntimeException e) {
      sending = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<InvokeResponse> send = sending;
    send.whenComplete(
        (response, failure) -> {
          if (failure == null) {
            keys.sent(mine, response);
            answer.complete(response);
            return;
          }
          if (sentNothing(failure) || send == answer) {
            keys.released(mine, failure);
          } else {
            keys.unknown(mine, unknownOutcome(key));
          }
          answer.completeExceptionally(failure);
        });
    // A caller that gives up (its deadline, a cancel) does not call off a keyed send once started:
    // it ends by the binding's own deadline, and its outcome is kept for the retry with the key. No
    // longer counted in flight, such sends are bounded here: beyond MAX_DETACHED at once, a give-up
    // calls the send off as it would without a key (a client cannot start sends without limit by
    // cancelling them).
    answer.whenComplete(
        (response, failure) -> {
          if (failure == null || send.isDone()) {
            return;
          }
          if (detached.incrementAndGet() <= MAX_DETACHED) {
            send.whenComplete((sent, sendFailure) -> detached.decrementAndGet());
          } else {
            detached.decrementAndGet();
            send.completeExceptionally(failure);
          }
        });
  }

  /** The store could not be reached: nothing is sent unprotected. */
  private Refused storeDown(Throwable failure) {
    return new Refused(
        ErrorCase.UNAVAILABLE,
        "SES binding error: the idempotency store of component "
            + name
            + " cannot be reached ("
            + InvocationFailure.cause(failure).getClass().getSimpleName()
            + "), so nothing was sent; retry later",
        null);
  }

  /** Whether a failed send is known to have sent nothing: the binding or SES said so. */
  private static boolean sentNothing(Throwable failure) {
    Throwable cause = InvocationFailure.cause(failure);
    return cause instanceof BindingException binding
        && binding.kind() != BindingException.Kind.TIMEOUT;
  }

  private Refused unknownOutcome(String key) {
    return new Refused(
        ErrorCase.OUTCOME_UNKNOWN,
        "SES binding error: the first call with "
            + IdempotencySettings.KEY
            + " \""
            + key
            + "\" timed out after it was handed to SES, so whether it sent is"
            + " unknown; this call sends nothing (component "
            + name
            + " could say idempotencyOnUnknown: resend)",
        null);
  }

  private static InvokeResponse replayed(InvokeResponse first) {
    Map<String, String> metadata = new LinkedHashMap<>(first.metadata());
    metadata.put(IdempotencySettings.REPLAY, "true");
    return new InvokeResponse(first.data(), metadata);
  }

  private static CompletionStage<InvokeResponse> caller(String message) {
    return CompletableFuture.failedFuture(
        new BindingException(BindingException.Kind.CALLER, message));
  }

  /**
   * SHA-256 of the operation, the data and the metadata but the key, each length-prefixed. Data
   * that is a quoted string counts as the bytes it quotes, so that the same body is the same email
   * whichever way in quoted it (Dapr's HTTP API escapes {@code <} in a string, an SDK's string does
   * not).
   */
  static String digest(InvokeRequest request) {
    MessageDigest sha = SHA_256.get();
    sha.reset();
    update(sha, request.operation());
    byte[] data = request.data();
    ByteBuffer text = GoUnquote.unquoteToBytes(data).orElseGet(() -> ByteBuffer.wrap(data));
    updateLength(sha, text.remaining());
    sha.update(text);
    Map<String, String> metadata = request.metadata();
    String[] names = metadata.keySet().toArray(new String[0]);
    Arrays.sort(names);
    for (String name : names) {
      if (!name.equals(IdempotencySettings.KEY)) {
        update(sha, name);
        update(sha, metadata.get(name));
      }
    }
    return HEX.formatHex(sha.digest()); // digest() also resets it for the thread's next call
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static void update(MessageDigest sha, String part) {
    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
    updateLength(sha, bytes.length);
    sha.update(bytes);
  }

  private static void updateLength(MessageDigest sha, int length) {
    sha.update((byte) (length >>> 24));
    sha.update((byte) (length >>> 16));
    sha.update((byte) (length >>> 8));
    sha.update((byte) length);
  }

  /**
   * The heap its keys may hold at their bound, which the server's memory budget sets aside: {@code
   * idempotencyMaxKeys} x 1 KiB in memory, nothing for a store elsewhere.
   */
  public long maxHeldBytes() {
    return settings.inRedis() ? 0 : settings.maxKeys() * BYTES_PER_KEY;
  }

  /** Keys remembered now, where the store can tell. */
  int keys() {
    return keys.size();
  }

  @Override
  public void close() {
    try {
      binding.close();
    } finally {
      keys.close();
    }
  }
}
