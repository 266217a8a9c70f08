package dev.sesbinding.serving;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One answer that is not a success, as every way in gives it: its row of the {@link ErrorCase}
 * table, the message the caller reads, and, for a row that says when to retry, when. Adapters only
 * encode it (HTTP status, {@code Retry-After} and Dapr's error JSON; gRPC code and {@code
 * RetryInfo}); they never pick a status or build a message of their own.
 */
public final class Refusal {
  private static final String INVOKING = "error invoking output binding ";

  private final ErrorCase error;
  private final String daprPrefix;
  private final String detail;
  private final Duration retryAfter;

  private Refusal(ErrorCase error, String daprPrefix, String detail, Duration retryAfter) {
    this.error = Objects.requireNonNull(error, "error");
    this.daprPrefix = Objects.requireNonNull(daprPrefix, "daprPrefix");
    this.detail = Objects.requireNonNull(detail, "detail");
    this.retryAfter =
        error.retryAfter()
            ? (retryAfter == null ? ErrorCase.DEFAULT_RETRY_AFTER : retryAfter)
            : null;
  }

  /** A refusal with {@code message} as it stands; a row that says when to retry says in 1 s. */
  public static Refusal of(ErrorCase error, String message) {
    return new Refusal(error, "", message, null);
  }

  /**
   * A failed call of binding {@code binding}, in Dapr's words: {@code error invoking output binding
   * <binding>: <detail>}; a row that says when to retry says {@code retryAfter}, or 1 s when null.
   */
  public static Refusal invoking(
      ErrorCase error, String binding, String detail, Duration retryAfter) {
    return new Refusal(error, INVOKING + binding + ": ", detail, retryAfter);
  }

  /** {@link #invoking(ErrorCase, String, String, Duration)} with the default retry-after. */
  public static Refusal invoking(ErrorCase error, String binding, String detail) {
    return invoking(error, binding, detail, null);
  }

  /** Dapr's answer to a missing or wrong API token, the same over HTTP and gRPC. */
  public static Refusal invalidApiToken() {
    return of(ErrorCase.UNAUTHENTICATED, "invalid api token");
  }

  public ErrorCase error() {
    return error;
  }

  /** What the caller reads: never a stack trace or a secret. */
  public String message() {
    return daprPrefix + detail;
  }

  /**
   * This refusal in the binding's own words, without Dapr's {@code error invoking output binding
   * <name>: }: what a pluggable component answers, since daprd adds that prefix itself.
   */
  public Refusal withoutDaprPrefix() {
    return daprPrefix.isEmpty() ? this : new Refusal(error, "", detail, retryAfter);
  }

  /** When to retry, for a row that says so ({@code Retry-After}, {@code RetryInfo}). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** {@link #retryAfter()} in whole seconds, at least 1, as {@code Retry-After} carries it. */
  public Optional<Long> retryAfterSeconds() {
    return retryAfter().map(wait -> Math.max(1, wait.toSeconds()));
  }

  @Override
  public String toString() {
    return "Refusal[" + error + ": " + message() + "]";
  }
}
