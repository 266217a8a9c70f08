package dev.sesbinding.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Role chains through the real SDK STS providers, against a stub STS on 127.0.0.1. */
// Some tests resolve for the STS calls it makes and never read the result; the try only closes it.
@SuppressWarnings("try")
class RoleChainIT {
  private static final String HOP1 = "arn:aws:iam::123456789012:role/hop1";
  private static final String HOP2 = "arn:aws:iam::123456789012:role/hop2";
  private static final String USER_KEY = "AKIAUSERKEY";
  private static final String USER_SECRET = "UserSecretValue";

  private final ExecutorService initExecutor =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "auth-init"));
  private StsStub sts;

  @BeforeEach
  void startSts() throws Exception {
    sts = StsStub.start(HOP1, HOP2);
  }

  @AfterEach
  void stop() {
    sts.close();
    initExecutor.shutdownNow();
  }

  private Map<String, String> metadata(String... pairs) {
    Map<String, String> metadata =
        new HashMap<>(
            Map.of(
                "region",
                "eu-west-1",
                "endpoint",
                sts.endpoint().toString(),
                "accessKey",
                USER_KEY,
                "secretKey",
                USER_SECRET));
    for (int i = 0; i < pairs.length; i += 2) {
      metadata.put(pairs[i], pairs[i + 1]);
    }
    return metadata;
  }

  private AwsAuth resolve(Map<String, String> metadata, StsTuning tuning) {
    return AwsAuth.resolve(AwsAuthSettings.fromMetadata(metadata), initExecutor, tuning)
        .toCompletableFuture()
        .join();
  }

  private AwsAuthException failure(Map<String, String> metadata) {
    Throwable failure = catchThrowable(() -> resolve(metadata, StsTuning.DEFAULT));
    assertThat(failure)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(AwsAuthException.class);
    return (AwsAuthException) failure.getCause();
  }

  @Test
  void assumesEachRoleInOrderEachSignedWithThePreviousHopsCredentials() {
    try (AwsAuth auth =
        resolve(
            metadata(
                "assumeRoleArn",
                HOP1 + ", " + HOP2,
                "sessionName",
                "billing",
                "externalId",
                "partner-42"),
            StsTuning.DEFAULT)) {
      List<StsStub.Call> calls = sts.calls();

      assertThat(calls).hasSize(2);
      assertThat(calls.get(0).roleArn()).isEqualTo(HOP1);
      assertThat(calls.get(0).signedBy()).isEqualTo(USER_KEY);
      assertThat(calls.get(0).externalId()).isEqualTo("partner-42");
      assertThat(calls.get(1).roleArn()).isEqualTo(HOP2);
      assertThat(calls.get(1).signedBy()).isEqualTo(calls.get(0).issuedKey());
      assertThat(calls.get(1).externalId()).isEmpty();
      assertThat(calls).extracting(StsStub.Call::sessionName).containsOnly("billing");
      assertThat(auth.credentialsProvider().resolveCredentials().accessKeyId())
          .isEqualTo(calls.get(1).issuedKey());
    }
  }

  @Test
  void sessionNameDefaultsToDaprDefaultSession() {
    try (AwsAuth auth = resolve(metadata("assumeRoleArn", HOP1), StsTuning.DEFAULT)) {
      assertThat(sts.calls())
          .extracting(StsStub.Call::sessionName)
          .containsExactly("DaprDefaultSession");
      assertThat(sts.calls()).extracting(StsStub.Call::durationSeconds).containsExactly(3600);
    }
  }

  @Test
  void firstHopWithoutKeysSignsWithTheDefaultChain() {
    System.setProperty("aws.accessKeyId", "AKIAFROMCHAIN");
    System.setProperty("aws.secretAccessKey", "ChainSecret");
    try (AwsAuth auth =
        resolve(
            Map.of(
                "region",
                "eu-west-1",
                "endpoint",
                sts.endpoint().toString(),
                "assumeRoleArn",
                HOP1),
            StsTuning.DEFAULT)) {
      assertThat(sts.calls()).extracting(StsStub.Call::signedBy).containsExactly("AKIAFROMCHAIN");
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void chainedHopsAskForAtMostOneHourSoAwsDoesNotRefuseThem() {
    try (AwsAuth auth =
        resolve(
            metadata("assumeRoleArn", HOP1 + "," + HOP2, "assumeRoleDurationSeconds", "7200"),
            StsTuning.DEFAULT)) {
      assertThat(sts.calls()).extracting(StsStub.Call::durationSeconds).containsExactly(7200, 3600);
      assertThat(sts.calls()).extracting(StsStub.Call::issuedKey).doesNotContain("");
    }
  }

  @Test
  void deniedHopFailsInitNamingTheHopAndTheStsCode() {
    String missing = "arn:aws:iam::123456789012:role/not-there";

    AwsAuthException error = failure(metadata("assumeRoleArn", HOP1 + "," + missing));

    assertThat(error.key()).isEqualTo("assumeRoleArn");
    assertThat(error.getMessage())
        .startsWith(
            "role chain hop 2 of 2 (" + missing + "): STS AssumeRole failed:" + " AccessDenied: ")
        .contains("(status 403, request id stub-error)");
    assertThat(error.getMessage())
        .doesNotContain(USER_SECRET)
        .doesNotContain("secret-")
        .doesNotContain("token-");
  }

  @Test
  void deniedFirstHopNamesHopOne() {
    AwsAuthException error =
        failure(metadata("assumeRoleArn", "arn:aws:iam::123456789012:role/nope," + HOP2));

    assertThat(error.getMessage())
        .startsWith("role chain hop 1 of 2 (arn:aws:iam::123456789012:role/nope)");
    assertThat(sts.calls()).hasSize(1);
  }

  @Test
  void unreachableStsFailsInitNamingTheHop() {
    sts.close();

    AwsAuthException error = failure(metadata("assumeRoleArn", HOP1));

    assertThat(error.getMessage())
        .startsWith("role chain hop 1 of 1 (" + HOP1 + "): STS AssumeRole failed: ");
  }

  @Test
  void refreshesEachHopInTheBackgroundBeforeExpiryWithoutTheCallerCallingSts() throws Exception {
    List<String> stsThreads = new CopyOnWriteArrayList<>();
    StsTuning tuning =
        new StsTuning(
            Duration.ofSeconds(4),
            Duration.ofSeconds(1),
            builder ->
                builder.overrideConfiguration(
                    builder.overrideConfiguration().toBuilder()
                        .addExecutionInterceptor(
                            new ExecutionInterceptor() {
                              @Override
                              public void beforeExecution(
                                  Context.BeforeExecution context, ExecutionAttributes attributes) {
                                stsThreads.add(Thread.currentThread().getName());
                              }
                            })
                        .build()));
    sts.lifetime(Duration.ofSeconds(6));
    sts.slowAfter(2, Duration.ofMillis(1500));
    String caller = Thread.currentThread().getName();

    try (AwsAuth auth = resolve(metadata("assumeRoleArn", HOP1 + "," + HOP2), tuning)) {
      String first = auth.credentialsProvider().resolveCredentials().accessKeyId();
      AwsCredentials current = auth.credentialsProvider().resolveCredentials();
      Instant deadline = Instant.now().plusSeconds(15);
      while (current.accessKeyId().equals(first) && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
        current = auth.credentialsProvider().resolveCredentials();
      }

      assertThat(current.accessKeyId())
          .as("the final hop's credentials were refreshed")
          .isNotEqualTo(first);
      assertThat(sts.calls().size()).as("AssumeRole calls: init and refreshes").isGreaterThan(2);
      assertThat(stsThreads.subList(0, 2))
          .as("init calls run on the init executor")
          .containsOnly("auth-init");
      assertThat(stsThreads).as("no STS call ran on the caller's thread").doesNotContain(caller);
    }
  }

  @Test
  void closeStopsEveryBackgroundRefresh() throws Exception {
    sts.lifetime(Duration.ofSeconds(3));
    StsTuning tuning = new StsTuning(Duration.ofSeconds(2), Duration.ofSeconds(1), builder -> {});
    AwsAuth auth = resolve(metadata("assumeRoleArn", HOP1 + "," + HOP2), tuning);

    auth.close();
    auth.close();
    Thread.sleep(3500);

    assertThat(sts.calls())
        .as("no refresh after close; an open chain would have refreshed by now")
        .hasSize(2);
  }

  @Test
  void openChainWithTheSameTimingDoesRefresh() throws Exception {
    sts.lifetime(Duration.ofSeconds(3));
    StsTuning tuning = new StsTuning(Duration.ofSeconds(2), Duration.ofSeconds(1), builder -> {});
    try (AwsAuth auth = resolve(metadata("assumeRoleArn", HOP1 + "," + HOP2), tuning)) {
      Thread.sleep(3500);

      assertThat(sts.calls().size()).isGreaterThan(2);
    }
  }
}
