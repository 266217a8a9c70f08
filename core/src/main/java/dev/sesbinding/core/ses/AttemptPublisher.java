package dev.sesbinding.core.ses;

import java.util.List;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Reads the SDK's metrics of each call (one child per attempt, with its HTTP status and error type)
 * and tells {@link SesEvents} how each attempt ended. The SDK publishes on its own threads.
 */
final class AttemptPublisher implements MetricPublisher {
  private static final String ATTEMPT = "ApiCallAttempt";

  private final String component;
  private final SesEvents events;

  AttemptPublisher(String component, SesEvents events) {
    this.component = component;
    this.events = events;
  }

  @Override
  public void publish(MetricCollection call) {
    int number = 0;
    for (MetricCollection attempt : call.children()) {
      if (attempt.name().equals(ATTEMPT)) {
        number++;
        try {
          events.attempted(component, outcome(attempt), number);
        } catch (RuntimeException e) {
          // a listener's failure never changes a send
        }
      }
    }
  }

  /**
   * The outcome of one attempt, from the SDK's error type and the HTTP status. The SDK calls every
   * SES error document a server error, whatever its status (a 400 MessageRejected too), and an
   * attempt cut by its timeout "Other", without a status.
   */
  static SesEvents.Attempt outcome(MetricCollection attempt) {
    List<Integer> statuses = attempt.metricValues(HttpMetric.HTTP_STATUS_CODE);
    int status = statuses.isEmpty() ? 0 : statuses.get(0);
    List<String> errors = attempt.metricValues(CoreMetric.ERROR_TYPE);
    if (errors.isEmpty()) {
      return status >= 200 && status < 300 ? SesEvents.Attempt.SUCCESS : byStatus(status);
    }
    return switch (errors.get(0)) {
      case "Throttling" -> SesEvents.Attempt.THROTTLED;
      case "ConfiguredTimeout" -> SesEvents.Attempt.TIMEOUT;
      case "IO" -> SesEvents.Attempt.NETWORK;
      default -> status == 0 ? SesEvents.Attempt.TIMEOUT : byStatus(status);
    };
  }

  /** An answer that was not a success: by its status (a 2xx that could not be read is SES's). */
  private static SesEvents.Attempt byStatus(int status) {
    if (status == 429) {
      return SesEvents.Attempt.THROTTLED;
    }
    if (status >= 400 && status < 500) {
      return SesEvents.Attempt.REJECTED;
    }
    return SesEvents.Attempt.SERVER_ERROR;
  }

  @Override
  public void close() {}
}
