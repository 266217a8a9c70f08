package dev.sesbinding.server;

import dev.sesbinding.core.SesEvents;
import dev.sesbinding.serving.CallTracer;
import dev.sesbinding.serving.metrics.BindingMetrics;
import java.util.List;
import java.util.Optional;

/**
 * What one server or component reports of its calls: its metrics, always, and its traces, when the
 * {@code OTEL_*} variables ask for them. Whoever starts the server closes it (traces still queued
 * are sent first).
 */
record Observability(BindingMetrics metrics, Optional<OtelTracing> tracing)
    implements AutoCloseable {

  /** What the bindings' SES attempts and pacing are told to. */
  SesEvents events() {
    return tracing
        .<SesEvents>map(traces -> SesEvents.all(List.of(metrics, traces)))
        .orElse(metrics);
  }

  /** What traces each call. */
  CallTracer tracer() {
    return tracing.<CallTracer>map(traces -> traces).orElse(CallTracer.NONE);
  }

  @Override
  public void close() {
    tracing.ifPresent(OtelTracing::close);
  }
}
