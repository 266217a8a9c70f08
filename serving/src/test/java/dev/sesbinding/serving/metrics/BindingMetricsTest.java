package dev.sesbinding.serving.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.SesEvents;
import dev.sesbinding.serving.CallInfo;
import dev.sesbinding.serving.ErrorCase;
import dev.sesbinding.serving.Outcome;
import dev.sesbinding.serving.Refusal;
import dev.sesbinding.serving.WayIn;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BindingMetricsTest {
  private final BindingMetrics metrics = new BindingMetrics("app", "prod");

  @Test
  void aCallIsCountedUnderDaprsNameAndOurs() {
    metrics.ended(
        new CallInfo(WayIn.PLUGGABLE, "mail", "create"),
        Outcome.success(InvokeResponse.ofMessageId("m")),
        Duration.ofMillis(7));

    assertThat(metrics.scrape())
        .contains(
            "dapr_component_output_binding_count{app_id=\"app\",component=\"mail\","
                + "namespace=\"prod\",operation=\"create\",success=\"true\"} 1\n")
        .contains(
            "dapr_component_output_binding_latencies_bucket{app_id=\"app\",component=\"mail\","
                + "namespace=\"prod\",operation=\"create\",success=\"true\",le=\"6\"} 0\n")
        .contains(
            "dapr_component_output_binding_latencies_bucket{app_id=\"app\",component=\"mail\","
                + "namespace=\"prod\",operation=\"create\",success=\"true\",le=\"8\"} 1\n")
        .contains(
            "ses_binding_calls_total{app_id=\"app\",component=\"mail\",way_in=\"pluggable\","
                + "operation=\"create\",result=\"success\"} 1\n");
  }

  @Test
  void aNameNoComponentHasIsNotASeriesOfItsOwn() {
    metrics.ended(
        new CallInfo(WayIn.HTTP, "made-up-by-a-caller", "create"),
        Outcome.refused(Refusal.of(ErrorCase.BINDING_NOT_FOUND, "no such binding")),
        Duration.ofMillis(1));

    assertThat(metrics.scrape()).doesNotContain("made-up-by-a-caller");
  }

  @Test
  void labelValuesBeyondTheBoundShareOneSeries() {
    for (int i = 0; i < MetricFamily.MAX_SERIES + 50; i++) {
      metrics.ended(
          new CallInfo(WayIn.HTTP, "mail", "operation-" + i),
          Outcome.refused(Refusal.of(ErrorCase.INVALID_REQUEST, "no such operation")),
          Duration.ofMillis(1));
    }

    Counter calls = metrics.counter("ses_binding_calls_total");
    String overflow = MetricFamily.OVERFLOW;
    assertThat(calls.value(overflow, overflow, overflow, overflow, overflow)).isEqualTo(50);
    assertThat(metrics.scrape().lines().filter(line -> line.startsWith("ses_binding_calls_total")))
        .hasSize(MetricFamily.MAX_SERIES + 1);
  }

  @Test
  void labelValuesAreEscaped() {
    metrics.ended(
        new CallInfo(WayIn.HTTP, "mail", "say \"hi\"\\\n"),
        Outcome.refused(Refusal.of(ErrorCase.INVALID_REQUEST, "no such operation")),
        Duration.ofMillis(1));

    assertThat(metrics.scrape()).contains("operation=\"say \\\"hi\\\"\\\\\\n\"");
  }

  @Test
  void sesAttemptsRetriesAndPacingAreCountedByComponent() {
    metrics.attempted("mail", SesEvents.Attempt.THROTTLED, 1);
    metrics.attempted("mail", SesEvents.Attempt.SUCCESS, 2);
    metrics.paced("mail", Duration.ZERO);
    metrics.paced("mail", Duration.ofMillis(250));
    metrics.pacingRefused("mail");

    assertThat(metrics.scrape())
        .contains(
            "ses_binding_ses_attempts_total{app_id=\"app\",component=\"mail\","
                + "outcome=\"throttled\"} 1\n")
        .contains(
            "ses_binding_ses_attempts_total{app_id=\"app\",component=\"mail\",outcome=\"success\"}"
                + " 1\n")
        .contains("ses_binding_ses_retries_total{app_id=\"app\",component=\"mail\"} 1\n")
        .contains("ses_binding_pacing_waits_total{app_id=\"app\",component=\"mail\"} 1\n")
        .contains("ses_binding_pacing_wait_seconds_total{app_id=\"app\",component=\"mail\"} 0.25\n")
        .contains("ses_binding_pacing_refusals_total{app_id=\"app\",component=\"mail\"} 1\n");
  }

  @Test
  void initsAndFailuresAreCountedAsDaprdCountsThem() {
    metrics.initialised("bindings.aws.ses");
    metrics.initFailed("bindings.aws.ses", "mail");

    assertThat(metrics.scrape())
        .contains(
            "dapr_runtime_component_init_total{app_id=\"app\",component=\"bindings.aws.ses\"} 1\n")
        .contains(
            "dapr_runtime_component_init_fail_total{app_id=\"app\",component=\"bindings.aws.ses\","
                + "componentName=\"mail\",reason=\"init\"} 1\n");
  }
}
