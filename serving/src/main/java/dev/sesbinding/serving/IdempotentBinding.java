package dev.sesbinding.serving;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * A binding whose sends are idempotent by the request metadata {@code idempotencyKey}, for every
 * way in at once: the first call with a key sends; a call with it while the first is in flight
 * waits for that answer; a later one gets the first's answer again, marked {@code
 * idempotencyReplay: true}, without sending; the same key with another email (operation, data or
 * metadata differ) is the caller's error. A first send that failed for certain (refused by the
 * binding or SES, throttled, unreachable) frees its key for a corrected retry; one that timed out
 * or was called off may have sent, so its key is refused with {@link ErrorCase#OUTCOME_UNKNOWN} for
 * the rest of the window, unless the component says {@code idempotencyOnUnknown: resend}.
 */
public final class IdempotentBinding implements OutputBinding {
  static final int MAX_KEY_LENGTH = 256;

  private final String name;
  private final OutputBinding binding;
  private final IdempotencySettings settings;
  private final IdempotencyKeys keys;

  private IdempotentBinding(
      String name, OutputBinding binding, IdempotencySettings settings, IdempotencyKeys keys) {
    this.name = name;
    this.binding = binding;
    this.settings = settings;
    this.keys = keys;
  }

  /** Component {@code name}'s {@code binding}, its sends idempotent as {@code settings} say. */
  public static IdempotentBinding of(
      String name, OutputBinding binding, IdempotencySettings settings) {
    return of(name, binding, settings, System::nanoTime);
  }

  /** As {@link #of(String, OutputBinding, IdempotencySettings)}, its window on {@code clock}. */
  static IdempotentBinding of(
      String name, OutputBinding binding, IdempotencySettings settings, LongSupplier clock) {
    return new IdempotentBinding(name, binding, settings, new IdempotencyKeys(settings, clock));
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
    if (key.length() > MAX_KEY_LENGTH || key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return caller(
          "SES binding error: "
              + IdempotencySettings.KEY
              + " must be at most "
              + MAX_KEY_LENGTH
              + " characters, none of them a control character");
    }
    String digest = digest(request);
    IdempotencyKeys.Claim claim = keys.claim(key, digest, settings.resendOnUnknown());
    if (claim.full()) {
      return CompletableFuture.failedFuture(
          new Refused(
              ErrorCase.OVERLOADED,
              "too many idempotency keys remembered (limit "
                  + settings.maxKeys()
                  + ", idempotencyMaxKeys); retry later",
              null));
    }
    if (claim.mine()) {
      return send(key, claim.entry(), request);
    }
    IdempotencyKeys.Entry first = claim.entry();
    if (!first.digest.equals(digest)) {
      return caller(
          "SES binding error: "
              + IdempotencySettings.KEY
              + " \""
              + key
              + "\" was given to another email within the idempotency window; give each email a"
              + " key of its own");
    }
    if (first.answer.isCompletedExceptionally()) { // still remembered: of unknown outcome
      return CompletableFuture.failedFuture(unknownOutcome(key));
    }
    // in flight, or sent: this call gets the first one's answer, without sending
    return first.answer.thenApply(IdempotentBinding::replayed);
  }

  @SuppressWarnings("FutureReturnValueIgnored") // both callbacks handle every outcome
  private CompletableFuture<InvokeResponse> send(
      String key, IdempotencyKeys.Entry entry, InvokeRequest request) {
    CompletableFuture<InvokeResponse> sending;
    try {
      sending = binding.invoke(request).toCompletableFuture();
    } catch (RuntimeException e) {
      sending = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<InvokeResponse> answer = new CompletableFuture<>();
    CompletableFuture<InvokeResponse> send = sending;
    send.whenComplete(
        (response, failure) -> {
          if (failure == null) {
            keys.sent(entry, response);
            answer.complete(response);
            return;
          }
          if (sentNothing(failure)) {
            keys.released(key, entry, failure);
          } else {
            keys.unknown(entry, unknownOutcome(key));
          }
          answer.completeExceptionally(failure);
        });
    // The caller giving up (its deadline, a cancel) calls off the send as it would without a key.
    answer.whenComplete(
        (response, failure) -> {
          if (failure != null && !send.isDone()) {
            send.completeExceptionally(failure);
          }
        });
    return answer;
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
            + "\" timed out or was called off after it was handed to SES, so whether it sent is"
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

  /** SHA-256 of the operation, the data and the metadata but the key, each length-prefixed. */
  static String digest(InvokeRequest request) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    update(sha, request.operation().getBytes(StandardCharsets.UTF_8));
    update(sha, request.data());
    Map<String, String> metadata = new TreeMap<>(request.metadata());
    metadata.remove(IdempotencySettings.KEY);
    metadata.forEach(
        (key, value) -> {
          update(sha, key.getBytes(StandardCharsets.UTF_8));
          update(sha, value.getBytes(StandardCharsets.UTF_8));
        });
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void update(MessageDigest sha, byte[] part) {
    sha.update(ByteBuffer.allocate(4).putInt(part.length).array());
    sha.update(part);
  }

  /** Keys remembered now. */
  int keys() {
    return keys.size();
  }

  @Override
  public void close() {
    binding.close();
  }
}
