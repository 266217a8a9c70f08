package dev.sesbinding.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AwsAuthSettingsTest {

  private static AwsAuthException failure(Map<String, String> metadata) {
    AwsAuthException error = catchThrowableOfType(AwsAuthException.class, () -> AwsAuthSettings.fromMetadata(metadata));
    assertThat(error).as("expected an AwsAuthException").isNotNull();
    return error;
  }

  @Test
  void staticKeys() {
    AwsAuthSettings settings = AwsAuthSettings.fromMetadata(Map.of("accessKey", "AKIA1", "secretKey", "s3cr3t"));

    assertThat(settings.credentials()).isEqualTo(new CredentialSource.StaticKeys("AKIA1", "s3cr3t"));
  }

  @Test
  void staticKeysWithSessionToken() {
    AwsAuthSettings settings = AwsAuthSettings.fromMetadata(
        Map.of("accessKey", "ASIA1", "secretKey", "s3cr3t", "sessionToken", "t0k3n"));

    assertThat(settings.credentials()).isEqualTo(new CredentialSource.SessionKeys("ASIA1", "s3cr3t", "t0k3n"));
  }

  @Test
  void noKeysMeansTheDefaultChain() {
    assertThat(AwsAuthSettings.fromMetadata(Map.of()).credentials()).isInstanceOf(CredentialSource.DefaultChain.class);
  }

  @Test
  void blankKeysCountAsAbsent() {
    assertThat(AwsAuthSettings.fromMetadata(Map.of("accessKey", " ", "secretKey", "")).credentials())
        .isInstanceOf(CredentialSource.DefaultChain.class);
  }

  @Test
  void daprAliasesAreAccepted() {
    AwsAuthSettings settings = AwsAuthSettings.fromMetadata(Map.of("awsRegion", "eu-central-1",
        "awsAccessKey", "ASIA1", "awsSecretKey", "s3cr3t", "awsSessionToken", "t0k3n"));

    assertThat(settings.region()).contains("eu-central-1");
    assertThat(settings.credentials()).isEqualTo(new CredentialSource.SessionKeys("ASIA1", "s3cr3t", "t0k3n"));
  }

  @Test
  void keyWinsOverItsAlias() {
    assertThat(AwsAuthSettings.fromMetadata(Map.of("region", "eu-west-1", "awsRegion", "us-east-1")).region())
        .contains("eu-west-1");
  }

  @Test
  void keysMatchCaseInsensitively() {
    AwsAuthSettings settings = AwsAuthSettings.fromMetadata(Map.of("REGION", "eu-west-1", "AccessKey", "AKIA1",
        "SECRETKEY", "s3cr3t", "Endpoint", "http://127.0.0.1:4566"));

    assertThat(settings.region()).contains("eu-west-1");
    assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:4566"));
    assertThat(settings.credentials()).isInstanceOf(CredentialSource.StaticKeys.class);
  }

  @Test
  void noRegionLeavesItToTheChain() {
    assertThat(AwsAuthSettings.fromMetadata(Map.of()).region()).isEmpty();
  }

  @Test
  void accessKeyWithoutSecretKeyNamesSecretKey() {
    AwsAuthException error = failure(Map.of("accessKey", "AKIA1"));

    assertThat(error.key()).isEqualTo("secretKey");
    assertThat(error.getMessage())
        .isEqualTo("metadata key \"secretKey\" is missing: \"accessKey\" is set, and static credentials need both");
  }

  @Test
  void secretKeyWithoutAccessKeyNamesAccessKeyAndHidesTheSecret() {
    AwsAuthException error = failure(Map.of("secretKey", "TopSecretValue"));

    assertThat(error.key()).isEqualTo("accessKey");
    assertThat(error.getMessage()).doesNotContain("TopSecretValue");
  }

  @Test
  void sessionTokenWithoutKeysIsAnError() {
    AwsAuthException error = failure(Map.of("sessionToken", "TokenValue"));

    assertThat(error.key()).isEqualTo("sessionToken");
    assertThat(error.getMessage()).isEqualTo("metadata key \"sessionToken\" needs \"accessKey\" and \"secretKey\" beside it");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"localhost:4566", "ftp://127.0.0.1", "http://", "not a url"})
  void malformedEndpointIsNamed(String endpoint) {
    AwsAuthException error = failure(Map.of("endpoint", endpoint));

    assertThat(error.key()).isEqualTo("endpoint");
    assertThat(error.getMessage()).startsWith("metadata key \"endpoint\": \"" + endpoint + "\" is not an absolute http(s) URL");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"EU-WEST-1", "eu west 1", "eu_west_1"})
  void malformedRegionIsNamed(String region) {
    AwsAuthException error = failure(Map.of("region", region));

    assertThat(error.key()).isEqualTo("region");
    assertThat(error.getMessage()).contains("is not an AWS region name");
  }

  @Test
  void toStringHidesSecretKeyAndSessionToken() {
    AwsAuthSettings settings = AwsAuthSettings.fromMetadata(
        Map.of("accessKey", "ASIA1", "secretKey", "TopSecretValue", "sessionToken", "TokenValue"));

    assertThat(settings.toString()).contains("ASIA1").doesNotContain("TopSecretValue").doesNotContain("TokenValue");
    assertThat(new CredentialSource.StaticKeys("AKIA1", "TopSecretValue").toString()).doesNotContain("TopSecretValue");
  }
}
