package dev.sesbinding.core.ses;

import dev.sesbinding.auth.AwsErrors;
import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.BindingException.Kind;
import dev.sesbinding.core.ServiceError;
import dev.sesbinding.core.SesEvents.Attempt;
import dev.sesbinding.core.email.BulkStatus;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * What SES failures mean: which are retried, and the {@link Kind} and Dapr message text of one that
 * remains. The one place where SES error codes are interpreted.
 */
final class SesErrors {
  static final String SEND_FAILED = "SES binding error. Sending email failed: ";
  static final String DAILY_QUOTA = "Daily message quota exceeded";
  static final Duration DAILY_QUOTA_RETRY = Duration.ofHours(1);
  static final Duration RATE_RETRY = Duration.ofSeconds(1);
  static final String UNKNOWN_OUTCOME = "; the email may or may not have been sent";
  private static final String XML_ERROR = "javax.xml.stream.XMLStreamException";
  static final Set<String> THROTTLING_CODES = Set.of("Throttling", "ThrottlingException");
  static final Set<String> PERMANENT_REJECTIONS =
      Set.of(
          "MessageRejected",
          "TemplateDoesNotExist",
          "MailFromDomainNotVerifiedException",
          "ConfigurationSetDoesNotExist",
          "ConfigurationSetSendingPausedException",
          "AccountSendingPausedException");

  private SesErrors() {}

  /**
   * Throttling (but not the daily quota, which no retry within minutes can fix), 5xx and network
   * errors.
   */
  static boolean isRetryable(Throwable error) {
    if (error instanceof AwsServiceException service) {
      return (isThrottling(service) && !isDailyQuota(service)) || service.statusCode() >= 500;
    }
    return !(error instanceof ApiCallTimeoutException) && isNetworkError(error);
  }

  /**
   * Whether a retry cannot send the email twice: SES refused the call for throttling (not the daily
   * quota, which no retry within minutes fixes), or no connection was made, so no byte of it left.
   * A 5xx answer, a broken connection or no answer may follow an email SES took.
   */
  static boolean isRefusedUnsent(Throwable error) {
    if (error instanceof AwsServiceException service) {
      return isThrottling(service) && !isDailyQuota(service);
    }
    return error instanceof ConnectException;
  }

  /**
   * How an attempt that ended with {@code failure} went, whichever transport made it; {@code
   * status} is the HTTP status it got, or -1 for none.
   */
  static Attempt attemptOutcome(Throwable failure, int status) {
    Throwable error = unwrap(failure);
    if (isThrottling(error)) {
      return Attempt.THROTTLED;
    }
    if (error instanceof AwsServiceException service) {
      return service.statusCode() >= 500 ? Attempt.SERVER_ERROR : Attempt.REJECTED;
    }
    if (error instanceof ApiCallAttemptTimeoutException
        || error instanceof ApiCallTimeoutException) {
      return Attempt.TIMEOUT;
    }
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause.getClass().getName().equals(XML_ERROR)) {
        return Attempt.SERVER_ERROR; // answered, with what is not SES's answer
      }
      if (cause instanceof java.io.IOException) {
        return Attempt.NETWORK;
      }
    }
    return status < 0 ? Attempt.TIMEOUT : Attempt.NETWORK; // called off before an answer
  }

  static boolean isThrottling(Throwable error) {
    return error instanceof AwsServiceException service
        && (THROTTLING_CODES.contains(AwsErrors.code(service)) || service.statusCode() == 429);
  }

  private static boolean isDailyQuota(AwsServiceException service) {
    return AwsErrors.message(service).contains(DAILY_QUOTA);
  }

  private static boolean isNetworkError(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.io.IOException || cause instanceof ApiCallAttemptTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The binding error for a failed SendEmail: Dapr's prefix, then the SES code, message and request
   * id.
   */
  static BindingException toBindingException(Throwable failure) {
    Throwable error = unwrap(failure);
    if (error instanceof BindingException binding) {
      return binding;
    }
    if (error instanceof AwsServiceException service) {
      return new BindingException(
          kindOf(service),
          SEND_FAILED + AwsErrors.describe(service),
          null,
          retryAfter(service),
          new ServiceError(AwsErrors.code(service), service.requestId()));
    }
    if (error instanceof ApiCallTimeoutException
        || error instanceof ApiCallAttemptTimeoutException) {
      return new BindingException(
          Kind.TIMEOUT, SEND_FAILED + "no answer from SES in time: " + error.getMessage());
    }
    if (isUnreadableAnswer(error)) {
      return new BindingException(
          Kind.UNAVAILABLE,
          SEND_FAILED
              + "SES answered with a body that is not a SendEmail "
              + "response ("
              + rootMessage(error)
              + ")"
              + UNKNOWN_OUTCOME);
    }
    return new BindingException(
        Kind.UNAVAILABLE, SEND_FAILED + "SES could not be reached: " + rootMessage(error));
  }

  /**
   * The error for a bulk send of which no destination was sent: of the kind the first destination's
   * status says (SES's bulk status, or the kind a transport without bulk gave).
   */
  static BindingException noDestinationSent(List<BulkStatus> statuses) {
    String first = statuses.get(0).status();
    Kind kind =
        switch (first) {
          case "AccountThrottled", "AccountDailyQuotaExceeded", "THROTTLED" -> Kind.THROTTLED;
          case "TransientFailure", "Failed", "UNAVAILABLE" -> Kind.UNAVAILABLE;
          case "TIMEOUT" -> Kind.TIMEOUT;
          case "CALLER" -> Kind.CALLER;
          default -> Kind.REJECTED;
        };
    Duration retry =
        switch (kind) {
          case THROTTLED ->
              "AccountDailyQuotaExceeded".equals(first) ? DAILY_QUOTA_RETRY : RATE_RETRY;
          case UNAVAILABLE -> RATE_RETRY;
          default -> null;
        };
    StringBuilder message = new StringBuilder(SEND_FAILED).append("no destination was sent:");
    for (int i = 0; i < statuses.size() && i < 3; i++) {
      BulkStatus status = statuses.get(i);
      message.append(i == 0 ? " " : "; ").append("destination ").append(i + 1).append(": ");
      message.append(status.status());
      if (!status.error().isEmpty() && !status.error().startsWith(SEND_FAILED)) {
        message.append(" (").append(status.error()).append(')');
      }
    }
    if (statuses.size() > 3) {
      message.append("; and ").append(statuses.size() - 3).append(" more");
    }
    boolean fromSes = Arrays.stream(Kind.values()).noneMatch(k -> k.name().equals(first));
    return new BindingException(
        kind, message.toString(), null, retry, fromSes ? new ServiceError(first, "") : null);
  }

  /**
   * The exchange broke off after the request went out: SES may have taken the email, so it is not
   * retried.
   */
  static BindingException brokenOff(Throwable cause) {
    return new BindingException(
        Kind.UNAVAILABLE,
        SEND_FAILED + "the call to SES broke off: " + rootMessage(cause) + UNKNOWN_OUTCOME);
  }

  /** No answer within {@code timeout} (the attempt's, or the whole call's) to what went out. */
  static BindingException unanswered(Duration timeout, boolean wholeCall) {
    return new BindingException(
        Kind.TIMEOUT,
        SEND_FAILED
            + "no answer from SES in time: "
            + (wholeCall ? "the call" : "the attempt")
            + " took longer than "
            + timeout.toMillis()
            + " ms"
            + UNKNOWN_OUTCOME);
  }

  /** A success answer without what it must hold. */
  static BindingException unreadable(String action, String missing) {
    return new BindingException(
        Kind.UNAVAILABLE,
        SEND_FAILED + "SES answered " + action + " with " + missing + UNKNOWN_OUTCOME);
  }

  /**
   * A success without a message id: SES (or what answered in its place) may have taken the email.
   */
  static BindingException missingMessageId() {
    return new BindingException(
        Kind.UNAVAILABLE, SEND_FAILED + "SES answered without a message id" + UNKNOWN_OUTCOME);
  }

  /**
   * The SDK could not parse the answer: SES (or what answered in its place) may have taken the
   * email.
   */
  private static boolean isUnreadableAnswer(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause.getClass().getName().equals(XML_ERROR)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The daily quota frees up over the next hours (SES suggests waiting); the sending rate within a
   * second.
   */
  private static Duration retryAfter(AwsServiceException service) {
    if (isThrottling(service)) {
      return isDailyQuota(service) ? DAILY_QUOTA_RETRY : RATE_RETRY;
    }
    return service.statusCode() >= 500 ? RATE_RETRY : null;
  }

  private static Kind kindOf(AwsServiceException service) {
    if (isThrottling(service)) {
      return Kind.THROTTLED;
    }
    if (service.statusCode() >= 500) {
      return Kind.UNAVAILABLE;
    }
    return Kind.REJECTED;
  }

  /** The failure inside {@code CompletionException} and {@code ExecutionException} wrappers. */
  static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    String oneLine = message == null ? "" : ": " + message.strip().replaceAll("\\s*\\R\\s*", " ");
    return root.getClass().getSimpleName() + oneLine;
  }
}
