package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.BindingException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ses.model.SesException;

class SesErrorsTest {

  private static AwsServiceException ses(int status, String code, String message) {
    return SesException.builder()
        .statusCode(status)
        .requestId("req-1")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .message(message)
        .build();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "400, MessageRejected, Email address is not verified., REJECTED",
    "400, MailFromDomainNotVerifiedException, MAIL FROM domain not verified, REJECTED",
    "400, ConfigurationSetDoesNotExist, no such set, REJECTED",
    "400, ConfigurationSetSendingPausedException, paused, REJECTED",
    "400, AccountSendingPausedException, paused, REJECTED",
    "400, InvalidParameterValue, Missing domain, REJECTED",
    "403, AccessDenied, not authorized, REJECTED",
    "400, Throttling, Maximum sending rate exceeded., THROTTLED",
    "400, Throttling, Daily message quota exceeded., THROTTLED",
    "400, ThrottlingException, Rate exceeded, THROTTLED",
    "500, InternalFailure, oops, UNAVAILABLE",
    "503, ServiceUnavailable, try later, UNAVAILABLE"
  })
  void mapsSesErrorCodeToKind(int status, String code, String message, Kind kind) {
    assertThat(SesErrors.toBindingException(ses(status, code, message)).kind()).isEqualTo(kind);
  }

  @Test
  void messageHasDaprPrefixCodeMessageAndRequestId() {
    BindingException error =
        SesErrors.toBindingException(
            new CompletionException(ses(400, "MessageRejected", "Email address is not verified.")));

    assertThat(error.getMessage())
        .isEqualTo(
            "SES binding error. Sending email failed: MessageRejected: Email address"
                + " is not verified. (status 400, request id req-1)");
  }

  @Test
  void throttlingSaysWhenToRetry() {
    assertThat(
            SesErrors.toBindingException(ses(400, "Throttling", "Maximum sending rate exceeded."))
                .retryAfter())
        .contains(java.time.Duration.ofSeconds(1));
    assertThat(
            SesErrors.toBindingException(ses(400, "Throttling", "Daily message quota exceeded."))
                .retryAfter())
        .contains(java.time.Duration.ofHours(1));
    assertThat(SesErrors.toBindingException(ses(400, "MessageRejected", "no")).retryAfter())
        .isEmpty();
  }

  @Test
  void timeoutIsTimeoutKind() {
    BindingException error = SesErrors.toBindingException(ApiCallTimeoutException.create(15_000));

    assertThat(error.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(error.getMessage())
        .startsWith("SES binding error. Sending email failed: no answer from SES in time");
  }

  @Test
  void networkFailureIsUnavailable() {
    BindingException error =
        SesErrors.toBindingException(
            new CompletionException(
                SdkClientException.create(
                    "Unable to execute HTTP request", new ConnectException("Connection refused"))));

    assertThat(error.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(error.getMessage())
        .isEqualTo(
            "SES binding error. Sending email failed: SES could not be reached: ConnectException: Connection refused");
  }

  @Test
  void retriesMaximumSendingRateThrottling() {
    assertThat(SesErrors.isRetryable(ses(400, "Throttling", "Maximum sending rate exceeded.")))
        .isTrue();
  }

  @Test
  void neverRetriesDailyQuota() {
    assertThat(SesErrors.isRetryable(ses(400, "Throttling", "Daily message quota exceeded.")))
        .isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "MessageRejected",
        "MailFromDomainNotVerifiedException",
        "ConfigurationSetDoesNotExist",
        "ConfigurationSetSendingPausedException",
        "AccountSendingPausedException",
        "InvalidParameterValue"
      })
  void neverRetriesPermanentRejections(String code) {
    assertThat(SesErrors.isRetryable(ses(400, code, "no"))).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {500, 502, 503, 504})
  void retriesServerErrors(int status) {
    assertThat(SesErrors.isRetryable(ses(status, "ServiceUnavailable", "x"))).isTrue();
  }

  @Test
  void retriesNetworkErrorsButNotTheOverallTimeout() {
    assertThat(
            SesErrors.isRetryable(
                SdkClientException.create("io", new IOException("Connection reset"))))
        .isTrue();
    assertThat(SesErrors.isRetryable(ApiCallTimeoutException.create(1000))).isFalse();
  }

  @Test
  void bindingExceptionPassesThroughUnchanged() {
    BindingException original = new BindingException(Kind.CALLER, "x");

    assertThat(SesErrors.toBindingException(new CompletionException(original))).isSameAs(original);
  }
}
