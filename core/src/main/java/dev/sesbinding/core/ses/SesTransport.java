package dev.sesbinding.core.ses;

import dev.sesbinding.auth.AwsAuth;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ses.SesAsyncClient;
import software.amazon.awssdk.services.ses.SesAsyncClientBuilder;

/** Sends through SES {@code SendEmail} with one {@link SesAsyncClient} per component, built from its {@link AwsAuth}. */
final class SesTransport implements EmailTransport {
  private final SesAsyncClient client;
  private final AwsAuth auth;

  private SesTransport(SesAsyncClient client, AwsAuth auth) {
    this.client = client;
    this.auth = auth;
  }

  /** Takes ownership of {@code auth}: closing the transport closes the client, then the credentials. */
  static SesTransport create(AwsAuth auth, SesBindingOptions options) {
    SesAsyncClientBuilder builder = SesAsyncClient.builder()
        .region(auth.region())
        .credentialsProvider(auth.credentialsProvider())
        .httpClientBuilder(NettyNioAsyncHttpClient.builder())
        .overrideConfiguration(overrides(options));
    auth.endpoint().ifPresent(builder::endpointOverride);
    return new SesTransport(builder.build(), auth);
  }

  /**
   * Always bounded: a call timeout and an attempt timeout, and retries only for what {@link SesErrors#isRetryable}
   * allows (throttling, 5xx, network), with exponential backoff.
   */
  private static ClientOverrideConfiguration overrides(SesBindingOptions options) {
    StandardRetryStrategy retries = StandardRetryStrategy.builder()
        .maxAttempts(options.maxAttempts())
        .backoffStrategy(BackoffStrategy.exponentialDelay(options.retryBaseDelay(), options.retryMaxDelay()))
        .throttlingBackoffStrategy(
            BackoffStrategy.exponentialDelay(options.retryBaseDelay().multipliedBy(5), options.retryMaxDelay()))
        .retryOnException(SesErrors::isRetryable)
        .treatAsThrottling(SesErrors::isThrottling)
        .useClientDefaults(false)
        .build();
    return ClientOverrideConfiguration.builder()
        .apiCallTimeout(options.apiCallTimeout())
        .apiCallAttemptTimeout(options.apiCallAttemptTimeout())
        .retryStrategy(retries)
        .build();
  }

  @Override
  public CompletionStage<String> send(Email email) {
    CompletableFuture<String> result = new CompletableFuture<>();
    client.sendEmail(SendEmailRequests.of(email)).whenComplete((response, error) -> {
      if (error != null) {
        result.completeExceptionally(SesErrors.toBindingException(error));
      } else {
        result.complete(response.messageId());
      }
    });
    return result;
  }

  @Override
  public void close() {
    client.close();
    auth.close();
  }
}
