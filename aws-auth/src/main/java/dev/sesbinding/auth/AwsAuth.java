package dev.sesbinding.auth;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The resolved credentials provider, region and endpoint that every AWS client of a component is built with.
 * Closing it closes every provider it opened.
 */
public final class AwsAuth implements AutoCloseable {
  private final AwsCredentialsProvider credentialsProvider;
  private final Region region;
  private final URI endpoint;

  private AwsAuth(AwsCredentialsProvider credentialsProvider, Region region, URI endpoint) {
    this.credentialsProvider = credentialsProvider;
    this.region = region;
    this.endpoint = endpoint;
  }

  /**
   * Resolves the settings once. The region chain may read files, so resolution runs on {@code executor}, never on the
   * caller's thread.
   */
  public static CompletionStage<AwsAuth> resolve(AwsAuthSettings settings, Executor executor) {
    return CompletableFuture.supplyAsync(() -> resolveNow(settings), executor);
  }

  private static AwsAuth resolveNow(AwsAuthSettings settings) {
    Region region = settings.region().map(Region::of).orElseGet(AwsAuth::regionFromChain);
    return new AwsAuth(provider(settings.credentials()), region, settings.endpoint().orElse(null));
  }

  private static AwsCredentialsProvider provider(CredentialSource source) {
    if (source instanceof CredentialSource.StaticKeys keys) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKey(), keys.secretKey()));
    }
    if (source instanceof CredentialSource.SessionKeys keys) {
      return StaticCredentialsProvider.create(
          AwsSessionCredentials.create(keys.accessKey(), keys.secretKey(), keys.sessionToken()));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private static Region regionFromChain() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      throw new AwsAuthException(AwsKeys.REGION.key(), "no AWS region: set the component metadata key \"region\""
          + " (alias \"awsRegion\"), or AWS_REGION / the aws.region system property, or a region in the AWS profile;"
          + " none of these was found", e);
    }
  }

  public AwsCredentialsProvider credentialsProvider() {
    return credentialsProvider;
  }

  public Region region() {
    return region;
  }

  /** The endpoint override for every AWS client of the component, if any. */
  public Optional<URI> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  @Override
  public void close() {
    if (credentialsProvider instanceof SdkAutoCloseable closeable) {
      closeable.close();
    }
  }

  @Override
  public String toString() {
    return "AwsAuth[region=" + region + ", endpoint=" + endpoint + ", provider="
        + credentialsProvider.getClass().getSimpleName() + "]";
  }
}
