package dev.sesbinding.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class AwsAuthTest {
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "auth-init"));

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }

  private AwsAuth resolve(Map<String, String> metadata) {
    return AwsAuth.resolve(AwsAuthSettings.fromMetadata(metadata), executor)
        .toCompletableFuture()
        .join();
  }

  @Test
  void staticKeysResolveToThoseCredentials() {
    try (AwsAuth auth =
        resolve(Map.of("region", "eu-west-1", "accessKey", "AKIA1", "secretKey", "s3cr3t"))) {
      AwsCredentials credentials = auth.credentialsProvider().resolveCredentials();

      assertThat(credentials.accessKeyId()).isEqualTo("AKIA1");
      assertThat(credentials.secretAccessKey()).isEqualTo("s3cr3t");
      assertThat(auth.region()).isEqualTo(Region.EU_WEST_1);
      assertThat(auth.endpoint()).isEmpty();
    }
  }

  @Test
  void sessionTokenIsKept() {
    try (AwsAuth auth =
        resolve(
            Map.of(
                "region",
                "eu-west-1",
                "accessKey",
                "ASIA1",
                "secretKey",
                "s3cr3t",
                "sessionToken",
                "t0k3n",
                "endpoint",
                "http://127.0.0.1:4566"))) {
      AwsCredentials credentials = auth.credentialsProvider().resolveCredentials();

      assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
      assertThat(((AwsSessionCredentials) credentials).sessionToken()).isEqualTo("t0k3n");
      assertThat(auth.endpoint()).contains(URI.create("http://127.0.0.1:4566"));
    }
  }

  @Test
  void noKeysUseTheDefaultChain() {
    System.setProperty("aws.accessKeyId", "AKIAFROMPROPERTIES");
    System.setProperty("aws.secretAccessKey", "PropertySecret");
    try (AwsAuth auth = resolve(Map.of("region", "eu-west-1"))) {
      assertThat(auth.credentialsProvider()).isInstanceOf(DefaultCredentialsProvider.class);
      assertThat(auth.credentialsProvider().resolveCredentials().accessKeyId())
          .isEqualTo("AKIAFROMPROPERTIES");
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void metadataKeysWinOverTheDefaultChain() {
    System.setProperty("aws.accessKeyId", "AKIAFROMPROPERTIES");
    System.setProperty("aws.secretAccessKey", "PropertySecret");
    try (AwsAuth auth =
        resolve(Map.of("region", "eu-west-1", "accessKey", "AKIAMETADATA", "secretKey", "s"))) {
      assertThat(auth.credentialsProvider().resolveCredentials().accessKeyId())
          .isEqualTo("AKIAMETADATA");
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void metadataRegionWinsOverTheRegionChain() {
    System.setProperty("aws.region", "ap-southeast-2");
    try (AwsAuth auth =
        resolve(Map.of("region", "eu-west-1", "accessKey", "AKIA1", "secretKey", "s"))) {
      assertThat(auth.region()).isEqualTo(Region.EU_WEST_1);
    } finally {
      System.clearProperty("aws.region");
    }
  }

  @Test
  void noCredentialsAnywhereFailsInitListingWhereItLooked() {
    assumeTrue(
        System.getenv("AWS_ACCESS_KEY_ID") == null
            && System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == null
            && System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") == null
            && System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") == null,
        "this environment has AWS credentials");
    System.setProperty("aws.sharedCredentialsFile", "/nonexistent/ses-binding/credentials");
    System.setProperty("aws.configFile", "/nonexistent/ses-binding/config");
    try {
      Throwable failure = catchThrowable(() -> resolve(Map.of("region", "eu-west-1")));

      assertThat(failure)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(AwsAuthException.class)
          .hasMessageStartingWith(
              "no AWS credentials: the metadata has no accessKey/secretKey, and the AWS default"
                  + " chain (environment, system properties, web identity, profile, container, instance) found none");
    } finally {
      System.clearProperty("aws.sharedCredentialsFile");
      System.clearProperty("aws.configFile");
    }
  }

  @Test
  void resolvesOnTheGivenExecutor() {
    AtomicReference<String> thread = new AtomicReference<>();
    AwsAuth.resolve(
            AwsAuthSettings.fromMetadata(
                Map.of("region", "eu-west-1", "accessKey", "AKIA1", "secretKey", "s")),
            command ->
                executor.execute(
                    () -> {
                      thread.set(Thread.currentThread().getName());
                      command.run();
                    }))
        .toCompletableFuture()
        .join()
        .close();

    assertThat(thread.get()).isEqualTo("auth-init");
  }

  @Test
  void regionComesFromTheSdkChainWhenMetadataHasNone() {
    assumeTrue(
        System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null,
        "AWS_REGION is set in this environment");
    System.setProperty("aws.region", "ap-southeast-2");
    try (AwsAuth auth = resolve(Map.of("accessKey", "AKIA1", "secretKey", "s"))) {
      assertThat(auth.region()).isEqualTo(Region.AP_SOUTHEAST_2);
    } finally {
      System.clearProperty("aws.region");
    }
  }

  @Test
  void noRegionAnywhereIsAnErrorSayingWhereItLooked() {
    assumeTrue(
        System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null,
        "AWS_REGION is set in this environment");
    System.setProperty("aws.configFile", "/nonexistent/ses-binding/config");
    System.setProperty("aws.profile", "ses-binding-test-none");
    try {
      Throwable failure = catchThrowable(() -> resolve(Map.of()));

      assertThat(failure)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(AwsAuthException.class)
          .hasMessageStartingWith(
              "no AWS region: set the component metadata key \"region\" (alias \"awsRegion\"),"
                  + " or AWS_REGION / the aws.region system property, or a region in the AWS profile");
      assertThat(((AwsAuthException) failure.getCause()).key()).isEqualTo("region");
    } finally {
      System.clearProperty("aws.configFile");
      System.clearProperty("aws.profile");
    }
  }

  @Test
  void toStringShowsNoSecret() {
    try (AwsAuth auth =
        resolve(
            Map.of("region", "eu-west-1", "accessKey", "AKIA1", "secretKey", "TopSecretValue"))) {
      assertThat(auth.toString()).doesNotContain("TopSecretValue");
    }
  }
}
