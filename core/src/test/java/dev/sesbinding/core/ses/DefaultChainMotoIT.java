package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.auth.AwsAuth;
import dev.sesbinding.auth.AwsAuthSettings;
import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.testing.MotoIam;
import dev.sesbinding.testing.MotoServer;
import dev.sesbinding.testing.SesEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Without keys in the metadata the AWS default chain signs: a shared profile that chains a role
 * through {@code source_profile}, and a web identity token (IRSA). The SDK reads them from system
 * properties here because a test cannot set environment variables; {@code aws.endpointUrl} sends
 * the SDK's own STS calls to moto.
 */
class DefaultChainMotoIT {
  @RegisterExtension static final MotoServer MOTO = MotoServer.create();

  private static final String SENDER = "sender@example.com";
  private static final String[] PROPERTIES = {
    "aws.configFile",
    "aws.sharedCredentialsFile",
    "aws.profile",
    "aws.endpointUrl",
    "aws.endpointUrlSts",
    "aws.webIdentityTokenFile",
    "aws.roleArn",
    "aws.roleSessionName",
    "aws.region"
  };

  @BeforeAll
  static void identities() {
    MOTO.reset();
    MOTO.verifySender(SENDER);
    MotoIam iam = new MotoIam(MOTO);
    iam.createRole("profile-role", MotoIam.userArn("anyone"), "ses:SendEmail");
    iam.createRole("irsa-role", MotoIam.userArn("anyone"), "ses:SendEmail");
  }

  @AfterEach
  void clearProperties() {
    for (String property : PROPERTIES) {
      System.clearProperty(property);
    }
  }

  private static Map<String, String> noKeys() {
    return Map.of(
        "region", SesEmulator.REGION, "endpoint", MOTO.endpoint().toString(), "emailFrom", SENDER);
  }

  private static String callerArn(AwsCredentialsProvider credentials) {
    try (StsClient sts =
        StsClient.builder()
            .region(Region.of(SesEmulator.REGION))
            .endpointOverride(MOTO.endpoint())
            .credentialsProvider(credentials)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build()) {
      return sts.getCallerIdentity().arn();
    }
  }

  private static void assertSendsAndSignsAs(String expectedArn) {
    try (AwsAuth auth =
        AwsAuth.resolve(AwsAuthSettings.fromMetadata(noKeys()), ForkJoinPool.commonPool())
            .toCompletableFuture()
            .join()) {
      assertThat(callerArn(auth.credentialsProvider())).isEqualTo(expectedArn);
    }
    try (SesBinding binding =
        SesBinding.init(ComponentMetadata.of("ses", SesBinding.TYPE, SesBinding.VERSION, noKeys()))
            .toCompletableFuture()
            .orTimeout(60, TimeUnit.SECONDS)
            .join()) {
      String messageId =
          binding
              .invoke(
                  InvokeRequest.ofStringData(
                      "create",
                      "b",
                      Map.of("emailTo", "t@example.com", "subject", "default chain")))
              .toCompletableFuture()
              .orTimeout(60, TimeUnit.SECONDS)
              .join()
              .metadata()
              .get("messageId");
      assertThat(MOTO.message(messageId).subject()).isEqualTo("default chain");
    }
  }

  @Test
  void profileThatChainsARoleThroughSourceProfileSigns(@TempDir Path folder) throws Exception {
    Path config = folder.resolve("config");
    Files.writeString(
        config,
        "[profile base]\naws_access_key_id = AKIAPROFILEBASE\naws_secret_access_key = base\n"
            + "region = "
            + SesEmulator.REGION
            + "\n\n[profile mailer]\nrole_arn = "
            + MotoIam.roleArn("profile-role")
            + "\nsource_profile = base\nrole_session_name = from-profile\nregion = "
            + SesEmulator.REGION
            + "\n");
    System.setProperty("aws.configFile", config.toString());
    System.setProperty("aws.sharedCredentialsFile", folder.resolve("none").toString());
    System.setProperty("aws.profile", "mailer");
    System.setProperty("aws.endpointUrl", MOTO.endpoint().toString());

    assertSendsAndSignsAs(MotoIam.assumedRoleArn("profile-role", "from-profile"));
  }

  @Test
  void webIdentityTokenFileSigns(@TempDir Path folder) throws Exception {
    Path token = folder.resolve("token");
    Files.writeString(
        token, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6bWFpbGVyIn0.c2ln");
    System.setProperty("aws.configFile", folder.resolve("none").toString());
    System.setProperty("aws.sharedCredentialsFile", folder.resolve("none").toString());
    System.setProperty("aws.webIdentityTokenFile", token.toString());
    System.setProperty("aws.roleArn", MotoIam.roleArn("irsa-role"));
    System.setProperty("aws.roleSessionName", "irsa-session");
    System.setProperty("aws.region", SesEmulator.REGION);
    System.setProperty("aws.endpointUrlSts", MOTO.endpoint().toString());

    assertSendsAndSignsAs(MotoIam.assumedRoleArn("irsa-role", "irsa-session"));
  }
}
