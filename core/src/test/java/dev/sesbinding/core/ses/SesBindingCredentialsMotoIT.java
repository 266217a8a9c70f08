package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sesbinding.auth.AwsAuth;
import dev.sesbinding.auth.AwsAuthSettings;
import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.testing.MotoIam;
import dev.sesbinding.testing.MotoServer;
import dev.sesbinding.testing.SesEmulator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Who signs: every credential setup, through the binding, against moto with signature and IAM
 * policy checks on.
 */
class SesBindingCredentialsMotoIT {
  @RegisterExtension static final MotoServer MOTO = MotoServer.create();

  private static final String SENDER = "sender@example.com";
  private static final String SESSION = "mailer-session";
  private static MotoIam.Keys user;
  private static String hop1;
  private static String hop2;
  private static String userRole;

  @BeforeAll
  static void createIdentitiesThenEnforceIam() {
    MOTO.reset();
    MOTO.verifySender(SENDER);
    MotoIam iam = new MotoIam(MOTO);
    user =
        iam.createUser(
            "mailer",
            "ses:SendEmail",
            "sts:AssumeRole",
            "sts:GetSessionToken",
            "sts:GetCallerIdentity");
    hop1 =
        iam.createRole(
            "hop1", MotoIam.userArn("mailer"), "sts:AssumeRole", "sts:GetCallerIdentity");
    hop2 =
        iam.createRole(
            "hop2",
            MotoIam.assumedRoleArn("hop1", SESSION),
            "ses:SendEmail",
            "sts:GetCallerIdentity");
    userRole = iam.createRole("user-role", MotoIam.userArn("mailer"), "ses:SendEmail");
    iam.enforce();
  }

  @AfterAll
  static void relaxIam() {
    if (MOTO.isRunning()) {
      new MotoIam(MOTO).relax();
    }
  }

  private static Map<String, String> metadata(String... pairs) {
    Map<String, String> metadata =
        new HashMap<>(
            Map.of(
                "region",
                SesEmulator.REGION,
                "endpoint",
                MOTO.endpoint().toString(),
                "emailFrom",
                SENDER));
    for (int i = 0; i < pairs.length; i += 2) {
      metadata.put(pairs[i], pairs[i + 1]);
    }
    return metadata;
  }

  private static SesBinding init(Map<String, String> metadata) {
    return SesBinding.init(
            ComponentMetadata.of("ses", SesBinding.TYPE, SesBinding.VERSION, metadata))
        .toCompletableFuture()
        .orTimeout(60, TimeUnit.SECONDS)
        .join();
  }

  private static String send(SesBinding binding, String subject) {
    return binding
        .invoke(
            InvokeRequest.ofStringData(
                "create", "body", Map.of("emailTo", "to@example.com", "subject", subject)))
        .toCompletableFuture()
        .orTimeout(60, TimeUnit.SECONDS)
        .join()
        .metadata()
        .get("messageId");
  }

  private static StsClient sts(AwsCredentialsProvider credentials) {
    return StsClient.builder()
        .region(Region.of(SesEmulator.REGION))
        .endpointOverride(MOTO.endpoint())
        .credentialsProvider(credentials)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  @Test
  void staticKeysSignTheSend() {
    try (SesBinding binding =
        init(metadata("accessKey", user.accessKey(), "secretKey", user.secretKey()))) {
      String messageId = send(binding, "static keys");

      assertThat(MOTO.message(messageId).subject()).isEqualTo("static keys");
    }
  }

  @Test
  void wrongSecretKeyIsRefusedBySesAndNotShown() {
    try (SesBinding binding =
        init(metadata("accessKey", user.accessKey(), "secretKey", "WrongSecretValue"))) {
      Throwable failure = catchThrowable(() -> send(binding, "wrong secret"));

      assertThat(failure)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(BindingException.class);
      assertThat(failure.getCause().getMessage())
          .startsWith("SES binding error. Sending email failed: " + "SignatureDoesNotMatch")
          .doesNotContain("WrongSecretValue");
    }
  }

  /**
   * Temporary credentials from STS. moto 5.2.1 honours only session tokens it issued through
   * AssumeRole (it refuses GetSessionToken's with InvalidClientTokenId), so these come from
   * AssumeRole, signed with the user's keys.
   */
  private static Credentials temporaryCredentials() {
    try (StsClient sts =
        sts(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(user.accessKey(), user.secretKey())))) {
      return sts.assumeRole(request -> request.roleArn(userRole).roleSessionName("temporary"))
          .credentials();
    }
  }

  @Test
  void staticKeysWithSessionTokenSignTheSend() {
    Credentials temporary = temporaryCredentials();
    try (SesBinding binding =
        init(
            metadata(
                "accessKey",
                temporary.accessKeyId(),
                "secretKey",
                temporary.secretAccessKey(),
                "sessionToken",
                temporary.sessionToken()))) {
      String messageId = send(binding, "session token");

      assertThat(temporary.accessKeyId()).startsWith("ASIA");
      assertThat(MOTO.message(messageId).subject()).isEqualTo("session token");
    }
  }

  @Test
  void sessionTokenIsSentAndCheckedSoAWrongOneIsRefused() {
    Credentials temporary = temporaryCredentials();
    try (SesBinding binding =
        init(
            metadata(
                "accessKey",
                temporary.accessKeyId(),
                "secretKey",
                temporary.secretAccessKey(),
                "sessionToken",
                "WrongTokenValue"))) {
      Throwable failure = catchThrowable(() -> send(binding, "wrong token"));

      assertThat(failure)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(BindingException.class);
      assertThat(failure.getCause().getMessage())
          .startsWith("SES binding error. Sending email failed: ")
          .contains("(status 403")
          .doesNotContain("WrongTokenValue");
    }
  }

  @Test
  void chainOfTwoRolesEndsAsTheSecondRoleWithTheSessionName() {
    Map<String, String> metadata =
        metadata(
            "accessKey",
            user.accessKey(),
            "secretKey",
            user.secretKey(),
            "assumeRoleArn",
            hop1 + "," + hop2,
            "sessionName",
            SESSION);
    try (AwsAuth auth =
            AwsAuth.resolve(AwsAuthSettings.fromMetadata(metadata), ForkJoinPool.commonPool())
                .toCompletableFuture()
                .join();
        StsClient sts = sts(auth.credentialsProvider())) {
      assertThat(sts.getCallerIdentity().arn()).isEqualTo(MotoIam.assumedRoleArn("hop2", SESSION));
    }
    try (SesBinding binding = init(metadata)) {
      String messageId = send(binding, "role chain");

      assertThat(MOTO.message(messageId).subject()).isEqualTo("role chain");
    }
  }

  @Test
  void deniedHopFailsInitNamingThatHop() {
    Throwable failure =
        catchThrowable(
            () ->
                init(
                    metadata(
                        "accessKey",
                        user.accessKey(),
                        "secretKey",
                        user.secretKey(),
                        "assumeRoleArn",
                        hop1 + "," + userRole,
                        "sessionName",
                        SESSION)));

    assertThat(failure)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(BindingException.class);
    BindingException error = (BindingException) failure.getCause();
    assertThat(error.kind()).isEqualTo(BindingException.Kind.INIT);
    assertThat(error.getMessage())
        .startsWith(
            "init component ses (bindings.aws.ses/v1): role chain hop 2 of 2 ("
                + userRole
                + "): STS AssumeRole failed: AccessDenied: ");
    assertThat(error.getMessage()).doesNotContain(user.secretKey());
  }
}
