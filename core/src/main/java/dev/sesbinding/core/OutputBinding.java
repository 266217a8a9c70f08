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

  CompletionStage<InvokeResponse> invoke(InvokeRequest request);

  /** Checks the binding's health; fails with {@value #PING_NOT_IMPLEMENTED} unless implemented. */
  default CompletionStage<Void> ping() {
    return CompletableFuture.failedFuture(new UnsupportedOperationException(PING_NOT_IMPLEMENTED));
  }

  /** Releases what the binding opened; idempotent. */
  @Override
  void close();
}
