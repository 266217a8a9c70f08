package dev.sesbinding.server;

import dev.sesbinding.core.SesEvents;
import dev.sesbinding.serving.CallInfo;
import dev.sesbinding.serving.CallTracer;
import dev.sesbinding.serving.Outcome;
import dev.sesbinding.serving.TraceContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Traces with OpenTelemetry's SDK, configured by the standard {@code OTEL_*} variables (OTLP; the
 * service name the app id unless {@code OTEL_SERVICE_NAME} says otherwise), and off when none names
 * an exporter: a server span for each call, a child of the caller's W3C trace context, and a client
 * span for each SES attempt of its send, a child of the call's. Attributes name the component, the
 * way in, the operation and the outcome; never an address, a subject or a body.
 */
final class OtelTracing implements CallTracer, SesEvents, AutoCloseable {
  static final AttributeKey<String> COMPONENT = AttributeKey.stringKey("ses_binding.component");
  static final AttributeKey<String> WAY_IN = AttributeKey.stringKey("ses_binding.way_in");
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("ses_binding.operation");
  static final AttributeKey<String> RESULT = AttributeKey.stringKey("ses_binding.result");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("ses_binding.ses.outcome");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("ses_binding.ses.attempt");
  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private final OpenTelemetrySdk sdk;
  private final Tracer tracer;

  private OtelTracing(OpenTelemetrySdk sdk) {
    this.sdk = sdk;
    this.tracer = sdk.getTracer("dev.sesbinding");
  }

  /**
   * Tracing as {@code env}'s {@code OTEL_*} variables configure it, or empty when none names where
   * traces go ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT},
   * {@code OTEL_TRACES_EXPORTER}) or {@code OTEL_SDK_DISABLED} is true.
   */
  static Optional<OtelTracing> fromEnvironment(Map<String, String> env, String appId) {
    boolean named =
        env.containsKey("OTEL_EXPORTER_OTLP_ENDPOINT")
            || env.containsKey("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
            || (env.containsKey("OTEL_TRACES_EXPORTER")
                && !env.get("OTEL_TRACES_EXPORTER").strip().equalsIgnoreCase("none"));
    if (!named || "true".equalsIgnoreCase(env.getOrDefault("OTEL_SDK_DISABLED", "").strip())) {
      return Optional.empty();
    }
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.service.name", appId);
    properties.put("otel.metrics.exporter", "none");
    properties.put("otel.logs.exporter", "none");
    // the variables as the SDK's properties: the same map the server reads (tests give their own)
    env.forEach(
        (name, value) -> {
          if (name.startsWith("OTEL_")) {
            properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
          }
        });
    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(() -> properties)
            .disableShutdownHook()
            .build()
            .getOpenTelemetrySdk();
    return Optional.of(new OtelTracing(sdk));
  }

  @Override
  public CallTracer.Span start(CallInfo call, TraceContext caller) {
    Map<String, String> headers = new HashMap<>();
    caller.parent().ifPresent(parent -> headers.put("traceparent", parent));
    if (!caller.tracestate().isEmpty()) {
      headers.put("tracestate", caller.tracestate());
    }
    Context parent = W3C.extract(Context.root(), headers, MAP);
    io.opentelemetry.api.trace.Span span =
        tracer
            .spanBuilder("bindings/" + call.component() + " " + call.operation())
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(COMPONENT, call.component())
            .setAttribute(WAY_IN, call.wayIn().name().toLowerCase(Locale.ROOT))
            .setAttribute(OPERATION, call.operation())
            .startSpan();
    Map<String, String> answer = new HashMap<>();
    W3C.inject(parent.with(span), answer, Map::put);
    return new CallSpan(span, TraceContext.of(answer.get("traceparent"), answer.get("tracestate")));
  }

  @Override
  public Send sending(String component) {
    Context parent = Context.current();
    return (outcome, number, started, took) -> {
      io.opentelemetry.api.trace.Span attempt =
          tracer
              .spanBuilder("SES attempt")
              .setParent(parent)
              .setSpanKind(SpanKind.CLIENT)
              .setStartTimestamp(started)
              .setAttribute(COMPONENT, component)
              .setAttribute(ATTEMPT, (long) number)
              .setAttribute(OUTCOME, outcome.name().toLowerCase(Locale.ROOT))
              .startSpan();
      if (outcome != Attempt.SUCCESS) {
        attempt.setStatus(StatusCode.ERROR);
      }
      Instant ended = started.plus(took);
      attempt.end(ended);
    };
  }

  @Override
  public void close() {
    sdk.shutdown().join(10, TimeUnit.SECONDS);
  }

  private static final TextMapGetter<Map<String, String>> MAP =
      new TextMapGetter<>() {
        @Override
        @SuppressWarnings("deprecation") // abstract still; W3C's propagator reads only get
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  /** One call's span, current while the binding starts its work. */
  private record CallSpan(io.opentelemetry.api.trace.Span span, TraceContext context)
      implements CallTracer.Span {
    @Override
    @SuppressWarnings("try") // the scope is what makes the span current
    public <T> T within(Supplier<T> work) {
      try (Scope current = span.makeCurrent()) {
        return work.get();
      }
    }

    @Override
    public void end(Outcome outcome) {
      String result =
          outcome
              .refusal()
              .map(refusal -> refusal.error().name().toLowerCase(Locale.ROOT))
              .orElse("success");
      span.setAttribute(RESULT, result);
      if (!outcome.succeeded()) {
        span.setStatus(StatusCode.ERROR, result);
      }
      span.end();
    }
  }
}
