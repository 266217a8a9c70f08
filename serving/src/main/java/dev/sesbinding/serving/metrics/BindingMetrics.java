package dev.sesbinding.serving.metrics;

import dev.sesbinding.core.SesEvents;
import dev.sesbinding.serving.CallInfo;
import dev.sesbinding.serving.Capacity;
import dev.sesbinding.serving.ErrorCase;
import dev.sesbinding.serving.InvocationListener;
import dev.sesbinding.serving.Outcome;
import dev.sesbinding.serving.Permits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;

/**
 * What the server and the component measure, as Prometheus text: the series daprd gives output
 * bindings and component init, under daprd's names, labels and buckets (dashboards built on daprd
 * read these unchanged), then this binding's own, in Prometheus's conventions: calls by way in and
 * result, SES attempts by outcome, retries, pacing, requests in flight, and the process. Fed by the
 * invocation pipeline (one listener for every way in) and by core's {@link SesEvents}; never told
 * an address, a subject or a body. Thread-safe; nothing here blocks but {@link #scrape()}, which
 * reads {@code /proc}.
 */
public final class BindingMetrics implements InvocationListener, SesEvents {
  /** The content type of {@link #scrape()}. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** daprd's latency buckets, in milliseconds. */
  static final double[] DAPR_LATENCY_BUCKETS = {
    1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 30, 40, 50, 65, 80, 100, 130, 160, 200, 250, 300, 400,
    500, 650, 800, 1000, 2000, 5000, 10000, 20000, 50000, 100000
  };

  private final String appId;
  private final String namespace;
  private final Counter bindingCount =
      new Counter(
          "dapr_component_output_binding_count",
          "The number of operations invoked on the output binding component.",
          "app_id",
          "component",
          "namespace",
          "operation",
          "success");
  private final Histogram bindingLatencies =
      new Histogram(
          "dapr_component_output_binding_latencies",
          "The latency of the response from the output binding component.",
          DAPR_LATENCY_BUCKETS,
          "app_id",
          "component",
          "namespace",
          "operation",
          "success");
  private final Counter initTotal =
      new Counter(
          "dapr_runtime_component_init_total",
          "The number of initialized components.",
          "app_id",
          "component");
  private final Counter initFailTotal =
      new Counter(
          "dapr_runtime_component_init_fail_total",
          "The number of component initialization failures.",
          "app_id",
          "component",
          "componentName",
          "reason");
  private final Counter calls =
      new Counter(
          "ses_binding_calls_total",
          "Calls to an output binding, by way in (http, grpc, pluggable) and result (success, or"
              + " the error case).",
          "app_id",
          "component",
          "way_in",
          "operation",
          "result");
  private final Counter attempts =
      new Counter(
          "ses_binding_ses_attempts_total",
          "Attempts to send through SES, by outcome (success, throttled, rejected, server_error,"
              + " network, timeout).",
          "app_id",
          "component",
          "outcome");
  private final Counter retries =
      new Counter(
          "ses_binding_ses_retries_total",
          "Attempts to send through SES that retried an earlier one.",
          "app_id",
          "component");
  private final Counter pacingWaits =
      new Counter(
          "ses_binding_pacing_waits_total",
          "Sends that waited their turn under the component's maxSendRate.",
          "app_id",
          "component");
  private final Counter pacingWaitSeconds =
      new Counter(
          "ses_binding_pacing_wait_seconds_total",
          "Seconds sends waited their turn under the component's maxSendRate.",
          "app_id",
          "component");
  private final Counter pacingRefusals =
      new Counter(
          "ses_binding_pacing_refusals_total",
          "Sends refused because their turn under the component's maxSendRate came too late.",
          "app_id",
          "component");
  private final List<MetricFamily<?>> families = new ArrayList<>();
  private final AtomicReference<Capacity> capacity = new AtomicReference<>();

  /** The metrics of app {@code appId} in {@code namespace} (empty outside Kubernetes, as daprd). */
  public BindingMetrics(String appId, String namespace) {
    this.appId = appId;
    this.namespace = namespace;
    families.addAll(
        List.of(
            bindingCount,
            bindingLatencies,
            initTotal,
            initFailTotal,
            calls,
            attempts,
            retries,
            pacingWaits,
            pacingWaitSeconds,
            pacingRefusals));
    families.add(
        new Gauge(
            "ses_binding_in_flight",
            "Calls in flight now (limit: --max-in-flight).",
            "gauge",
            () -> inFlight(Permits::taken)));
    families.add(
        new Gauge(
            "ses_binding_in_flight_limit",
            "The most calls in flight at once (--max-in-flight).",
            "gauge",
            () -> inFlight(Permits::limit)));
    families.addAll(ProcessMetrics.all());
  }

  /** Reports the calls in flight of {@code capacity}, once the server has settled its limits. */
  public void watch(Capacity capacity) {
    this.capacity.set(capacity);
  }

  private double inFlight(ToIntFunction<Permits> read) {
    Capacity watched = capacity.get();
    return watched == null ? 0 : read.applyAsInt(watched.inFlight());
  }

  @Override
  public void ended(CallInfo call, Outcome outcome, Duration took) {
    String component = component(call, outcome);
    String operation = call.operation();
    String success = Boolean.toString(outcome.succeeded());
    bindingCount.inc(appId, component, namespace, operation, success);
    bindingLatencies.observe(took.toNanos() / 1e6, appId, component, namespace, operation, success);
    calls.inc(appId, component, wayIn(call), operation, result(outcome));
  }

  /** A component of {@code type} (e.g. bindings.aws.ses) has been initialised. */
  public void initialised(String type) {
    initTotal.inc(appId, type);
  }

  /** Component {@code name} of {@code type} failed to initialise. */
  public void initFailed(String type, String name) {
    initFailTotal.inc(appId, type, name, "init");
  }

  @Override
  public void attempted(String component, Attempt outcome, int number) {
    attempts.inc(appId, component, outcome.name().toLowerCase(Locale.ROOT));
    if (number > 1) {
      retries.inc(appId, component);
    }
  }

  @Override
  public void paced(String component, Duration wait) {
    if (!wait.isZero()) {
      pacingWaits.inc(appId, component);
      pacingWaitSeconds.add(wait.toNanos() / 1e9, appId, component);
    }
  }

  @Override
  public void pacingRefused(String component) {
    pacingRefusals.inc(appId, component);
  }

  /** Every series, as Prometheus text format 0.0.4. */
  public String scrape() {
    StringBuilder out = new StringBuilder(16 * 1024);
    for (MetricFamily<?> family : families) {
      family.writeTo(out);
    }
    return out.toString();
  }

  /** A name no component has is the caller's, not a series of its own. */
  private static String component(CallInfo call, Outcome outcome) {
    return outcome
            .refusal()
            .map(refusal -> refusal.error() == ErrorCase.BINDING_NOT_FOUND)
            .orElse(false)
        ? ""
        : call.component();
  }

  private static String wayIn(CallInfo call) {
    return call.wayIn().name().toLowerCase(Locale.ROOT);
  }

  private static String result(Outcome outcome) {
    return outcome
        .refusal()
        .map(refusal -> refusal.error().name().toLowerCase(Locale.ROOT))
        .orElse("success");
  }

  Counter counter(String name) {
    return (Counter) family(name);
  }

  Histogram histogram(String name) {
    return (Histogram) family(name);
  }

  private MetricFamily<?> family(String name) {
    return families.stream().filter(family -> family.name().equals(name)).findFirst().orElseThrow();
  }
}
