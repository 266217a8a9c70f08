package dev.sesbinding.auth;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
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

/**
 * The resolved credentials provider, region and endpoint that every AWS client of a component is
 * built with. Role credentials refresh in the background before they expire, so a request never
 * waits on STS once init is done. Closing it closes every provider and STS client it opened, last
 * first.
 */
public final class AwsAuth implements AutoCloseable {
  private final AwsCredentialsProvider credentialsProvider;
  private final Region region;
  private final URI endpoint;
  private final List<AutoCloseable> opened;

  private AwsAuth(
      AwsCredentialsProvider credentialsProvider,
      Region region,
      URI endpoint,
      List<AutoCloseable> opened) {
    this.credentialsProvider = credentialsProvider;
    this.region = region;
    this.endpoint = endpoint;
    this.opened = List.copyOf(opened);
  }

  /**
   * Resolves the settings once, on {@code executor} (never on the caller's thread): the region
   * chain, the first credentials, then each role of the chain through STS. Fails with an {@link
   * AwsAuthException} that names the key or the hop at fault, never a secret.
   */
  public static CompletionStage<AwsAuth> resolve(AwsAuthSettings settings, Executor executor) {
    return resolve(settings, executor, StsTuning.DEFAULT);
  }

  static CompletionStage<AwsAuth> resolve(
      AwsAuthSettings settings, Executor executor, StsTuning tuning) {
    return CompletableFuture.supplyAsync(() -> resolveNow(settings, tuning), executor);
  }

  private static AwsAuth resolveNow(AwsAuthSettings settings, StsTuning tuning) {
    Region region = settings.region().map(Region::of).orElseGet(AwsAuth::regionFromChain);
    URI endpoint = settings.endpoint().orElse(null);
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      AwsCredentialsProvider base = baseProvider(settings.credentials(), opened);
      AwsCredentialsProvider provider =
          settings.roleChain().isEmpty()
              ? checked(base, settings.credentials())
              : RoleChain.assume(settings.roleChain(), base, region, endpoint, tuning, opened);
      return new AwsAuth(provider, region, endpoint, opened);
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  private static AwsCredentialsProvider baseProvider(
      CredentialSource source, List<AutoCloseable> opened) {
    if (source instanceof CredentialSource.StaticKeys keys) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(keys.accessKey(), keys.secretKey()));
    }
    if (source instanceof CredentialSource.SessionKeys keys) {
      return StaticCredentialsProvider.create(
          AwsSessionCredentials.create(keys.accessKey(), keys.secretKey(), keys.sessionToken()));
    }
    DefaultCredentialsProvider chain =
        DefaultCredentialsProvider.builder().asyncCredentialUpdateEnabled(true).build();
    opened.add(chain);
    return chain;
  }

  /**
   * Resolves the default chain once, so that a machine without credentials fails at init, not at
   * the first call.
   */
  private static AwsCredentialsProvider checked(
      AwsCredentialsProvider provider, CredentialSource source) {
    if (source instanceof CredentialSource.DefaultChain) {
      try {
        provider.resolveCredentials();
      } catch (SdkClientException e) {
        throw new AwsAuthException(
            "",
            "no AWS credentials: the metadata has no accessKey/secretKey, and the AWS"
                + " default chain (environment, system properties, web identity, profile, container, instance) found"
                + " none: "
                + e.getMessage(),
            e);
      }
    }
    return provider;
  }

  private static Region regionFromChain() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      throw new AwsAuthException(
          AwsKeys.REGION.key(),
          "no AWS region: set the component metadata key \"region\""
              + " (alias \"awsRegion\"), or AWS_REGION / the aws.region system property, or a region in the AWS profile;"
              + " none of these was found",
          e);
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
    closeAll(opened);
  }

  private static void closeAll(List<AutoCloseable> opened) {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        // closing is best effort: one failure must not keep the others open
      }
    }
  }

  @Override
  public String toString() {
    return "AwsAuth[region="
        + region
        + ", endpoint="
        + endpoint
        + ", provider="
        + credentialsProvider.getClass().getSimpleName()
        + "]";
  }
}
