package dev.sesbinding.auth;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The error code and message of an AWS service error, for messages people read. Falls back to the
 * raw XML body when the SDK could not parse it (emulators such as moto wrap query-protocol errors
 * in an extra {@code <Errors>}).
 */
public final class AwsErrors {
  private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
  private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

  private AwsErrors() {}

  /** The error code, such as {@code MessageRejected}; {@code HTTP<status>} when there is none. */
  public static String code(AwsServiceException error) {
    AwsErrorDetails details = error.awsErrorDetails();
    return Optional.ofNullable(details == null ? null : details.errorCode())
        .or(() -> fromRawBody(error, CODE))
        .orElse("HTTP" + error.statusCode());
  }

  /** The error message; {@code (no message)} when there is none. */
  public static String message(AwsServiceException error) {
    AwsErrorDetails details = error.awsErrorDetails();
    return Optional.ofNullable(details == null ? null : details.errorMessage())
        .or(() -> fromRawBody(error, MESSAGE))
        .orElse("(no message)");
  }

  /** {@code Code: message (status N, request id R)}. */
  public static String describe(AwsServiceException error) {
    return code(error)
        + ": "
        + message(error)
        + " (status "
        + error.statusCode()
        + ", request id "
        + error.requestId()
        + ")";
  }

  private static Optional<String> fromRawBody(AwsServiceException error, Pattern pattern) {
    AwsErrorDetails details = error.awsErrorDetails();
    if (details == null || details.rawResponse() == null) {
      return Optional.empty();
    }
    Matcher matcher = pattern.matcher(details.rawResponse().asString(StandardCharsets.UTF_8));
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
