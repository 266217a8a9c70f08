package dev.sesbinding.auth;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds one {@link StsAssumeRoleCredentialsProvider} per hop, hop n's STS client signing with hop
 * n-1's provider, each refreshing in the background before expiry; resolves each hop once so that a
 * failure names its hop.
 */
final class RoleChain {
  private static final Duration STS_CALL_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STS_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

  private RoleChain() {}

  /**
   * Adds every client and provider it opens to {@code opened}, in order, so that they close in
   * reverse.
   */
  static AwsCredentialsProvider assume(
      List<RoleHop> hops,
      AwsCredentialsProvider base,
      Region region,
      URI endpoint,
      StsTuning tuning,
      List<AutoCloseable> opened) {
    AwsCredentialsProvider signer = base;
    for (int i = 0; i < hops.size(); i++) {
      RoleHop hop = hops.get(i);
      StsClient sts = stsClient(signer, region, endpoint, tuning);
      opened.add(sts);
      StsAssumeRoleCredentialsProvider provider =
          StsAssumeRoleCredentialsProvider.builder()
              .stsClient(sts)
              .refreshRequest(
                  request -> {
                    request
                        .roleArn(hop.roleArn())
                        .roleSessionName(hop.sessionName())
                        .durationSeconds((int) hop.duration().toSeconds());
                    if (!hop.externalId().isEmpty()) {
                      request.externalId(hop.externalId());
                    }
                  })
              .asyncCredentialUpdateEnabled(true)
              .prefetchTime(tuning.prefetchTime())
              .staleTime(tuning.staleTime())
              .build();
      opened.add(provider);
      try {
        provider.resolveCredentials();
      } catch (SdkException e) {
        throw hopFailed(i, hops.size(), hop, e);
      }
      signer = provider;
    }
    return signer;
  }

  private static StsClient stsClient(
      AwsCredentialsProvider signer, Region region, URI endpoint, StsTuning tuning) {
    StsClientBuilder builder =
        StsClient.builder()
            .region(region)
            .credentialsProvider(signer)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(
                config ->
                    config
                        .apiCallTimeout(STS_CALL_TIMEOUT)
                        .apiCallAttemptTimeout(STS_ATTEMPT_TIMEOUT));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    tuning.clientCustomizer().accept(builder);
    return builder.build();
  }

  private static AwsAuthException hopFailed(int index, int count, RoleHop hop, SdkException e) {
    String where = "role chain hop " + (index + 1) + " of " + count + " (" + hop.roleArn() + "): ";
    Throwable cause = e;
    while (cause.getCause() instanceof SdkException && !(cause instanceof AwsServiceException)) {
      cause = cause.getCause();
    }
    if (cause instanceof AwsServiceException service) {
      return new AwsAuthException(
          AwsKeys.ASSUME_ROLE_ARN.key(),
          where + "STS AssumeRole failed: " + AwsErrors.describe(service));
    }
    return new AwsAuthException(
        AwsKeys.ASSUME_ROLE_ARN.key(), where + "STS AssumeRole failed: " + e.getMessage());
  }
}
