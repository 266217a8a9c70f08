package dev.sesbinding.serving;

import dev.sesbinding.core.InvokeResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where one component's idempotency keys live ({@link IdempotentBinding}): in this process's
 * memory, or in a store replicas share. Every step answers a stage and never blocks; a store that
 * cannot be reached fails the stage.
 */
public interface IdempotencyStore extends AutoCloseable {

  /**
   * Claims {@code key} for an email of {@code digest}: mine to send when the key is new, or of
   * unknown outcome with the same digest and {@code replaceUnknown}; else where the key stands.
   */
  CompletionStage<Claim> claim(String key, String digest, boolean replaceUnknown);

  /** The claimed send sent: later calls get {@code response} again. */
  CompletionStage<Void> sent(Claim mine, InvokeResponse response);

  /** The claimed send failed for certain: the key is free; waiting calls get {@code failure}. */
  CompletionStage<Void> released(Claim mine, Throwable failure);

  /** The claimed send may have sent: the key stays, of unknown outcome. */
  CompletionStage<Void> unknown(Claim mine, Throwable failure);

  /** Keys remembered now, where the store can tell cheaply; -1 where it cannot. */
  default int size() {
    return -1;
  }

  @Override
  void close();

  /**
   * What {@link Claim#answerInto} fails with when the key's first send failed for certain and the
   * store kept no answer for it (a shared store): the waiting call claims the key again.
   */
  final class Released extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Released() {
      super("the key's first send failed for certain", null, false, false);
    }
  }

  /**
   * What {@link Claim#answerInto} fails with when the key's first send may have sent and the store
   * kept only that: the waiting call is refused as of unknown outcome.
   */
  final class Unknown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unknown() {
      super("the key's first send may have sent", null, false, false);
    }
  }

  /** Where a key stands for one call. */
  enum State {
    /** The key is this call's: it sends. */
    MINE,
    /** Another call with the key is sending: this one waits for its answer. */
    IN_FLIGHT,
    /** The key sent: this call gets its answer again. */
    SENT,
    /** The key's send may have sent: this call is refused, unless the component resends. */
    UNKNOWN,
    /** No room for a new key. */
    FULL
  }

  /**
   * One call's claim: where the key stands, the digest of the email it was first given to, and for
   * a key in flight or sent, a way to its first answer.
   */
  interface Claim {
    State state();

    String digest();

    /**
     * Completes {@code into} with the key's first answer (its response, or its failure) once there
     * is one; stops trying as soon as {@code into} is done by someone else (the caller gave up).
     */
    void answerInto(CompletableFuture<InvokeResponse> into);
  }
}
