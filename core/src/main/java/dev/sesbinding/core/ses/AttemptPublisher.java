package dev.sesbinding.core.ses;

import dev.sesbinding.core.SesEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.metrics.SdkMetric;

/**
 * Reads the SDK's metrics of one send (one child per attempt, with its start, HTTP status, error
 * type and durations) and tells the send's {@link SesEvents.Send} how each attempt went. The SDK
 * publishes on its own threads, once the send has ended.
 */
final class AttemptPublisher implements MetricPublisher {
  private static final String ATTEMPT = "ApiCallAttempt";

  private final SesEvents.Send send;

  AttemptPublisher(SesEvents.Send send) {
    this.send = send;
  }

  @Override
  public void publish(MetricCollection call) {
    List<MetricCollection> attempts =
        call.children().stream().filter(child -> child.name().equals(ATTEMPT)).toList();
    Instant ended = Instant.now();
    for (int i = 0; i < attempts.size(); i++) {
      MetricCollection attempt = attempts.get(i);
      Instant started = attempt.creationTime();
      Instant until = i + 1 < attempts.size() ? attempts.get(i + 1).creationTime() : ended;
      try {
        send.attempted(outcome(attempt), i + 1, started, took(attempt, started, until));
      } catch (RuntimeException e) {
        // a listener's failure never changes a send
      }
    }
  }

  /** The attempt's time at SES where the SDK measured it, else until the next began. */
  private static Duration took(MetricCollection attempt, Instant started, Instant until) {
    for (SdkMetric<Duration> measured :
        List.of(CoreMetric.SERVICE_CALL_DURATION, CoreMetric.TIME_TO_LAST_BYTE)) {
      List<Duration> values = attempt.metricValues(measured);
      if (!values.isEmpty()) {
        return values.get(0);
      }
    }
    Duration between = Duration.between(started, until);
    return between.isNegative() ? Duration.ZERO : between;
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
