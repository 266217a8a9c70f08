package dev.sesbinding.serving;

import java.util.function.Supplier;

/**
 * Where traces hook into the {@link InvocationPipeline}: a span for each call, whichever way it
 * came in, a child of the caller's trace context. The pipeline runs the binding's first steps
 * within the span (so that what the binding does then, its SES attempts, joins it) and ends it with
 * the call's outcome. Must not block.
 */
public interface CallTracer {
  /** Traces nothing: the caller's context is handed back as it came. */
  CallTracer NONE = (call, context) -> new Span.Untraced(context);

  /** Starts the span of {@code call}, a child of {@code context} where the caller sent one. */
  Span start(CallInfo call, TraceContext context);

  /** One call's span. */
  interface Span {
    /**
     * The trace context to answer the caller with ({@code traceparent}, as daprd answers): this
     * span's, or when not tracing the caller's own.
     */
    TraceContext context();

    /** Runs {@code work} with this span current. */
    <T> T within(Supplier<T> work);

    /** Ends the span with the call's outcome. */
    void end(Outcome outcome);

    /** The span when nothing is traced: the caller's context, handed back. */
    record Untraced(TraceContext context) implements Span {
      @Override
      public <T> T within(Supplier<T> work) {
        return work.get();
      }

      @Override
      public void end(Outcome outcome) {}
    }
  }
}
