package dev.sesbinding.core;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Dapr output binding, initialised and ready: its operations, {@code invoke}, an optional {@code
 * ping}, and {@code close}. Implementations are created already initialised by their own {@code
 * init} factory, so no instance is ever half-initialised. Every failure comes back through the
 * returned stage as a {@link BindingException}.
 */
public interface OutputBinding extends AutoCloseable {

  /** Dapr's text for a binding without a health check. */
  String PING_NOT_IMPLEMENTED = "ping is not implemented by this output binding";

  /** The operations {@link #invoke} accepts, such as {@code create}. */
  Set<String> operations();

  /**
   * Starts {@code request} and returns its answer. The stage is the caller's handle too: a caller
   * that no longer wants the answer (its deadline passed, it went away) completes the stage's
   * {@code toCompletableFuture()} itself, exceptionally (a timeout, or {@code cancel}), and the
   * binding then starts no further work for it (no further attempt at the email service). Must not
   * block: long work completes the stage later.
   */
  CompletionStage<InvokeResponse> invoke(InvokeRequest request);

  /** Checks the binding's health; fails with {@value #PING_NOT_IMPLEMENTED} unless implemented. */
  default CompletionStage<Void> ping() {
    return CompletableFuture.failedFuture(new UnsupportedOperationException(PING_NOT_IMPLEMENTED));
  }

  /** Releases what the binding opened; idempotent. */
  @Override
  void close();
}
