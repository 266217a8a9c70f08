package dev.sesbinding.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AwsAuthSettingsTest {

  private static AwsAuthException failure(Map<String, String> metadata) {
    AwsAuthException error =
        catchThrowableOfType(AwsAuthException.class, () -> AwsAuthSettings.fromMetadata(metadata));
    assertThat(error).as("expected an AwsAuthException").isNotNull();
    return error;
  }

  @Test
  void staticKeys() {
    AwsAuthSettings settings =
        AwsAuthSettings.fromMetadata(Map.of("accessKey", "AKIA1", "secretKey", "s3cr3t"));

    assertThat(settings.credentials())
        .isEqualTo(new CredentialSource.StaticKeys("AKIA1", "s3cr3t"));
  }

  @Test
  void staticKeysWithSessionToken() {
    AwsAuthSettings settings =
        AwsAuthSettings.fromMetadata(
            Map.of("accessKey", "ASIA1", "secretKey", "s3cr3t", "sessionToken", "t0k3n"));

    assertThat(settings.credentials())
        .isEqualTo(new CredentialSource.SessionKeys("ASIA1", "s3cr3t", "t0k3n"));
  }

  @Test
  void noKeysMeansTheDefaultChain() {
    assertThat(AwsAuthSettings.fromMetadata(Map.of()).credentials())
        .isInstanceOf(CredentialSource.DefaultChain.class);
  }

  @Test
  void blankKeysCountAsAbsent() {
    assertThat(
            AwsAuthSettings.fromMetadata(Map.of("accessKey", " ", "secretKey", "")).credentials())
        .isInstanceOf(CredentialSource.DefaultChain.class);
  }

  @Test
  void daprAliasesAreAccepted() {
    AwsAuthSettings settings =
        AwsAuthSettings.fromMetadata(
            Map.of(
                "awsRegion",
                "eu-central-1",
                "awsAccessKey",
                "ASIA1",
                "awsSecretKey",
                "s3cr3t",
                "awsSessionToken",
                "t0k3n"));

    assertThat(settings.region()).contains("eu-central-1");
    assertThat(settings.credentials())
        .isEqualTo(new CredentialSource.SessionKeys("ASIA1", "s3cr3t", "t0k3n"));
  }

  @Test
  void keyWinsOverItsAlias() {
    assertThat(
            AwsAuthSettings.fromMetadata(Map.of("region", "eu-west-1", "awsRegion", "us-east-1"))
                .region())
        .contains("eu-west-1");
  }

  @Test
  void keysMatchCaseInsensitively() {
    AwsAuthSettings settings =
        AwsAuthSettings.fromMetadata(
            Map.of(
                "REGION",
                "eu-west-1",
                "AccessKey",
                "AKIA1",
                "SECRETKEY",
                "s3cr3t",
                "Endpoint",
                "http://127.0.0.1:4566"));

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
        .isEqualTo(
            "metadata key \"secretKey\" is missing: \"accessKey\" is set, and static credentials need both");
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
    assertThat(error.getMessage())
        .isEqualTo("metadata key \"sessionToken\" needs \"accessKey\" and \"secretKey\" beside it");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"localhost:4566", "ftp://127.0.0.1", "http://", "not a url"})
  void malformedEndpointIsNamed(String endpoint) {
    AwsAuthException error = failure(Map.of("endpoint", endpoint));

    assertThat(error.key()).isEqualTo("endpoint");
    assertThat(error.getMessage())
        .startsWith(
            "metadata key \"endpoint\": \"" + endpoint + "\" is not an absolute http(s) URL");
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
    AwsAuthSettings settings =
        AwsAuthSettings.fromMetadata(
            Map.of(
                "accessKey", "ASIA1", "secretKey", "TopSecretValue", "sessionToken", "TokenValue"));

    assertThat(settings.toString())
        .contains("ASIA1")
        .doesNotContain("TopSecretValue")
        .doesNotContain("TokenValue");
    assertThat(new CredentialSource.StaticKeys("AKIA1", "TopSecretValue").toString())
        .doesNotContain("TopSecretValue");
  }

  private static final String ROLE1 = "arn:aws:iam::123456789012:role/hop1";
  private static final String ROLE2 = "arn:aws:iam::123456789012:role/path/hop2";

  @Test
  void noRoleArnMeansNoChain() {
    assertThat(
            AwsAuthSettings.fromMetadata(Map.of("accessKey", "AKIA1", "secretKey", "s"))
                .roleChain())
        .isEmpty();
  }

  @Test
  void oneRoleWithDefaults() {
    assertThat(AwsAuthSettings.fromMetadata(Map.of("assumeRoleArn", ROLE1)).roleChain())
        .containsExactly(new RoleHop(ROLE1, "DaprDefaultSession", "", Duration.ofHours(1)));
  }

  @Test
  void severalRolesSeparatedByCommaFormAChainInOrder() {
    AwsAuthSettings settings =
        AwsAuthSettings.fromMetadata(
            Map.of(
                "assumeRoleArn",
                ROLE1 + " , " + ROLE2,
                "sessionName",
                "mailer",
                "externalId",
                "ext-123",
                "assumeRoleDurationSeconds",
                "1800"));

    assertThat(settings.roleChain())
        .containsExactly(
            new RoleHop(ROLE1, "mailer", "ext-123", Duration.ofMinutes(30)),
            new RoleHop(ROLE2, "mailer", "", Duration.ofMinutes(30)));
  }

  @Test
  void roleKeysAcceptDaprAliases() {
    AwsAuthSettings settings =
        AwsAuthSettings.fromMetadata(
            Map.of("awsIamRoleArn", ROLE1, "awsStsSessionName", "kafka-style"));

    assertThat(settings.roleChain())
        .extracting(RoleHop::sessionName)
        .containsExactly("kafka-style");
    assertThat(
            AwsAuthSettings.fromMetadata(
                    Map.of("assumeRoleArn", ROLE1, "assumeRoleSessionName", "pg-style"))
                .roleChain())
        .extracting(RoleHop::sessionName)
        .containsExactly("pg-style");
  }

  @Test
  void chainedHopsAreCappedAtOneHourWithAWarning() {
    AwsAuthSettings settings =
        AwsAuthSettings.fromMetadata(
            Map.of("assumeRoleArn", ROLE1 + "," + ROLE2, "assumeRoleDurationSeconds", "43200"));

    assertThat(settings.roleChain())
        .extracting(hop -> hop.duration().toSeconds())
        .containsExactly(43200L, 3600L);
    assertThat(settings.warnings())
        .containsExactly(
            "assumeRoleDurationSeconds 43200 applies to the first role only;"
                + " AWS caps roles assumed by role chaining at 3600 s, so hops 2 to 2 ask for 3600 s");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "arn:aws:iam::123:role/x",
        "arn:aws:iam::123456789012:user/x",
        "hop1",
        "arn:aws:sts::123456789012:assumed-role/x/y",
        "arn:aws:iam::123456789012:role/"
      })
  void malformedRoleArnIsNamedWithItsPosition(String arn) {
    AwsAuthException error = failure(Map.of("assumeRoleArn", ROLE1 + "," + arn));

    assertThat(error.key()).isEqualTo("assumeRoleArn");
    assertThat(error.getMessage())
        .startsWith(
            "metadata key \"assumeRoleArn\": role 2 of 2, \"" + arn + "\", is not an IAM role ARN");
  }

  @Test
  void emptyEntryInTheChainIsMalformed() {
    assertThat(failure(Map.of("assumeRoleArn", ROLE1 + ",")).getMessage())
        .contains("role 2 of 2, \"\"");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"899", "43201", "0", "-1", "1h", "3600.5"})
  void durationOutOfRangeIsNamed(String duration) {
    AwsAuthException error =
        failure(Map.of("assumeRoleArn", ROLE1, "assumeRoleDurationSeconds", duration));

    assertThat(error.key()).isEqualTo("assumeRoleDurationSeconds");
    assertThat(error.getMessage())
        .isEqualTo(
            "metadata key \"assumeRoleDurationSeconds\": \""
                + duration
                + "\" is not a whole number of seconds from 900 to 43200");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"900", "43200"})
  void durationBoundsAreAccepted(String duration) {
    assertThat(
            AwsAuthSettings.fromMetadata(
                    Map.of("assumeRoleArn", ROLE1, "assumeRoleDurationSeconds", duration))
                .roleChain()
                .get(0)
                .duration())
        .isEqualTo(Duration.ofSeconds(Long.parseLong(duration)));
  }

  @Test
  void invalidSessionNameIsNamed() {
    AwsAuthException error = failure(Map.of("assumeRoleArn", ROLE1, "sessionName", "has space"));

    assertThat(error.key()).isEqualTo("sessionName");
    assertThat(error.getMessage()).contains("\"has space\" is not a valid STS session name");
  }

  @Test
  void invalidExternalIdIsNamedButNotShown() {
    AwsAuthException error =
        failure(Map.of("assumeRoleArn", ROLE1, "externalId", "bad id with spaces"));

    assertThat(error.key()).isEqualTo("externalId");
    assertThat(error.getMessage()).doesNotContain("bad id with spaces");
  }

  @Test
  void roleOptionsWithoutARoleAreAWarning() {
    assertThat(AwsAuthSettings.fromMetadata(Map.of("sessionName", "x1")).warnings())
        .containsExactly(
            "metadata keys sessionName, externalId and assumeRoleDurationSeconds have no effect without assumeRoleArn");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "acessKey, accessKey",
    "secretkey2, secretKey",
    "regoin, region",
    "assumeRoleArns, assumeRoleArn",
    "sesionName, sessionName",
    "emialFrom, emailFrom"
  })
  void likelyTypoOfAKnownKeyIsAWarning(String typo, String meant) {
    AwsAuthSettings settings =
        AwsAuthSettings.fromMetadata(Map.of(typo, "x"), Set.of("emailFrom", "emailTo"));

    assertThat(settings.warnings())
        .containsExactly(
            "metadata key \""
                + typo
                + "\" is not known and is ignored; did"
                + " you mean \""
                + meant
                + "\"?");
  }

  @Test
  void typoThatBreaksTheSettingsKeepsItsHintInTheError() {
    AwsAuthException error =
        catchThrowableOfType(
            AwsAuthException.class,
            () -> AwsAuthSettings.fromMetadata(Map.of("acessKey", "AKIA1", "secretKey", "S3cr3t")));

    assertThat(error.key()).isEqualTo("accessKey");
    assertThat(error.getMessage())
        .endsWith(
            "(metadata key \"acessKey\" is not known and is ignored; did you mean \"accessKey\"?)")
        .doesNotContain("S3cr3t")
        .doesNotContain("AKIA1");
  }

  @Test
  void unrelatedUnknownKeysAndKnownKeysInAnyCaseGiveNoWarning() {
    assertThat(
            AwsAuthSettings.fromMetadata(
                    Map.of("traceparent", "x", "REGION", "eu-west-1", "emailto", "a"),
                    Set.of("emailTo"))
                .warnings())
        .isEmpty();
  }

  @Test
  void typoWarningDoesNotShowTheValue() {
    assertThat(AwsAuthSettings.fromMetadata(Map.of("secretKye", "TopSecretValue")).warnings())
        .singleElement()
        .asString()
        .doesNotContain("TopSecretValue");
  }

  @Test
  void roleHopToStringHidesTheExternalId() {
    assertThat(new RoleHop(ROLE1, "s1", "ext-secret", Duration.ofHours(1)).toString())
        .doesNotContain("ext-secret");
  }
}
