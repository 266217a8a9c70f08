package dev.sesbinding.core.ses;

import dev.sesbinding.auth.AwsErrors;
import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.BindingException.Kind;
import dev.sesbinding.core.ServiceError;
import dev.sesbinding.core.email.BulkStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.xml.stream.XMLStreamException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.ses.model.SesException;

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
   * SES's error answer as the SDK would have made it, so that one table maps both transports: the
   * code, message and request id from its XML, else (not XML) {@code HTTP<status>} and the raw
   * body.
   */
  static AwsServiceException serviceError(int status, byte[] body) {
    AwsErrorDetails.Builder details =
        AwsErrorDetails.builder()
            .serviceName("Ses")
            .rawResponse(SdkBytes.fromByteArrayUnsafe(body))
            .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build());
    String requestId = null;
    try {
      QueryAnswer answer = QueryAnswer.read(body);
      answer.first("Code").ifPresent(details::errorCode);
      answer.first("Message").ifPresent(details::errorMessage);
      requestId = answer.first("RequestId").orElse(null);
    } catch (XMLStreamException e) {
      // not XML: AwsErrors falls back to HTTP<status> and the raw body
    }
    AwsErrorDetails built = details.build();
    return SesException.builder()
        .statusCode(status)
        .requestId(requestId)
        .message(built.errorMessage())
        .awsErrorDetails(built)
        .build();
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

  private static Throwable unwrap(Throwable error) {
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
