package dev.sesbinding.server;

import dev.sesbinding.core.SesEvents;
import dev.sesbinding.serving.CallTracer;
import dev.sesbinding.serving.InvocationListener;
import dev.sesbinding.serving.metrics.BindingMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one server or component reports of its calls: its metrics, unless {@code
 * --enable-metrics=false} (then nothing counts them), and its traces, when the {@code OTEL_*}
 * variables ask for them. Whoever starts the server closes it (traces still queued are sent first).
 */
record Observability(BindingMetrics metrics, boolean metricsOn, Optional<OtelTracing> tracing)
    implements AutoCloseable {

  /** What the bindings' SES attempts and pacing are told to: nothing, with both off. */
  SesEvents events() {
    List<SesEvents> told = new ArrayList<>();
    if (metricsOn) {
      told.add(metrics);
    }
    tracing.ifPresent(told::add);
    return switch (told.size()) {
      case 0 -> SesEvents.NONE;
      case 1 -> told.get(0);
      default -> SesEvents.all(told);
    };
  }

  /** What counts each call: the metrics, or with them off nothing. */
  InvocationListener listener() {
    return metricsOn ? metrics : new InvocationListener() {};
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
