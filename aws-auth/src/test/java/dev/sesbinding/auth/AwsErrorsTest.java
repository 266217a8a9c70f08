package dev.sesbinding.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;

class AwsErrorsTest {

  private static AwsServiceException error(AwsErrorDetails details) {
    return AwsServiceException.builder()
        .statusCode(403)
        .requestId("r-1")
        .awsErrorDetails(details)
        .build();
  }

  @Test
  void describesParsedCodeAndMessage() {
    AwsServiceException error =
        error(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("no").build());

    assertThat(AwsErrors.describe(error))
        .isEqualTo("AccessDenied: no (status 403, request id r-1)");
  }

  @Test
  void fallsBackToTheRawXmlWhenTheSdkCouldNotParseIt() {
    String moto =
        "<ErrorResponse><Errors><Error><Code>InvalidClientTokenId</Code><Message>The security token included"
            + " in the request is invalid.</Message><Type>Sender</Type></Error></Errors></ErrorResponse>";
    AwsServiceException error =
        error(AwsErrorDetails.builder().rawResponse(SdkBytes.fromUtf8String(moto)).build());

    assertThat(AwsErrors.describe(error))
        .isEqualTo(
            "InvalidClientTokenId: The security token included in the request"
                + " is invalid. (status 403, request id r-1)");
  }

  @Test
  void namesTheStatusWhenThereIsNothingElse() {
    assertThat(AwsErrors.describe(error(null)))
        .isEqualTo("HTTP403: (no message) (status 403, request id r-1)");
  }
}
