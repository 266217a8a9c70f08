package dev.sesbinding.serving;

import dev.sesbinding.core.InvokeResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One call in the {@link InvocationPipeline}: its outcome, which always completes (normally, with a
 * response or a refusal), and the caller's way to call it off.
 */
public final class Invocation {
  private final CompletableFuture<InvokeResponse> work;
  private final CompletionStage<Outcome> outcome;
  private final TraceContext trace;

  Invocation(
      CompletableFuture<InvokeResponse> work,
      CompletionStage<Outcome> outcome,
      TraceContext trace) {
    this.work = work;
    this.outcome = outcome;
    this.trace = trace;
  }

  /**
   * The trace context to answer the caller with, as daprd answers it ({@code traceparent} and
   * {@code tracestate} headers): the call's span's, or the caller's own when nothing is traced.
   */
  public TraceContext trace() {
    return trace;
  }

  /** How the call ended; completes exactly once, never exceptionally. */
  public CompletionStage<Outcome> outcome() {
    return outcome;
  }

  /**
   * The caller's word that it no longer wants the answer (a gRPC cancel or reset, an HTTP
   * connection closed): the binding starts no further work for it, as {@link
   * dev.sesbinding.core.OutputBinding#invoke} says, and the outcome is {@link ErrorCase#CANCELLED}.
   * Nothing happens once the call has ended.
   */
  public void cancel() {
    work.cancel(false);
  }
}
