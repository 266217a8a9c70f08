package dev.sesbinding.core.ses;

import dev.sesbinding.auth.AwsAuth;
import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.SesEvents;
import dev.sesbinding.core.email.BulkEmail;
import dev.sesbinding.core.email.BulkStatus;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.internal.DaemonThreads;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ses.SesAsyncClient;
import software.amazon.awssdk.services.ses.SesAsyncClientBuilder;
import software.amazon.awssdk.services.ses.model.SendBulkTemplatedEmailRequest;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;
import software.amazon.awssdk.services.ses.model.SendRawEmailRequest;
import software.amazon.awssdk.services.ses.model.SendTemplatedEmailRequest;

/**
 * Sends through SES {@code SendEmail} with one {@link SesAsyncClient} per component, built from its
 * {@link AwsAuth}.
 */
final class SesTransport implements SesClient {
  private final SesAsyncClient client;
  private final AwsAuth auth;
  private final ScheduledThreadPoolExecutor timers;

  private final String component;
  private final SesEvents events;

  private SesTransport(
      SesAsyncClient client,
      AwsAuth auth,
      ScheduledThreadPoolExecutor timers,
      String component,
      SesEvents events) {
    this.client = client;
    this.auth = auth;
    this.timers = timers;
    this.component = component;
    this.events = events;
  }

  /**
   * Takes ownership of {@code auth}: closing the transport closes the client, then the credentials.
   */
  static SesTransport create(String component, AwsAuth auth, SesBindingOptions options) {
    ScheduledThreadPoolExecutor timers = timeoutTimers();
    SesAsyncClientBuilder builder =
        SesAsyncClient.builder()
            .region(auth.region())
            .credentialsProvider(auth.credentialsProvider())
            .httpClientBuilder(NettyNioAsyncHttpClient.builder())
            .overrideConfiguration(overrides(options, timers));
    auth.endpoint().ifPresent(builder::endpointOverride);
    options
        .completionExecutor()
        .ifPresent(
            executor ->
                builder.asyncConfiguration(
                    async ->
                        async.advancedOption(
                            SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, executor)));
    return new SesTransport(builder.build(), auth, timers, component, options.events());
  }

  /**
   * The timers of the call and attempt timeouts (two per send). Cancelled timers are removed at
   * once: by default they would stay queued until they would have fired, thousands per second for
   * 15 s under load.
   */
  private static ScheduledThreadPoolExecutor timeoutTimers() {
    return DaemonThreads.timer("ses-binding-timeouts");
  }

  /**
   * Always bounded: a call timeout and an attempt timeout, and retries only for what {@link
   * SesErrors#isRetryable} allows (throttling, 5xx, network), with exponential backoff. Half
   * jitter, not full: every retry waits at least half its step (full jitter may retry at once), and
   * throttling starts from five times the base delay.
   */
  private static ClientOverrideConfiguration overrides(
      SesBindingOptions options, ScheduledExecutorService timers) {
    StandardRetryStrategy retries =
        StandardRetryStrategy.builder()
            .maxAttempts(options.maxAttempts())
            .backoffStrategy(
                BackoffStrategy.exponentialDelayHalfJitter(
                    options.retryBaseDelay(), options.retryMaxDelay()))
            .throttlingBackoffStrategy(
                BackoffStrategy.exponentialDelayHalfJitter(
                    options.retryBaseDelay().multipliedBy(5), options.retryMaxDelay()))
            .retryOnException(SesErrors::isRetryable)
            .treatAsThrottling(SesErrors::isThrottling)
            .useClientDefaults(false)
            .build();
    ClientOverrideConfiguration.Builder overrides =
        ClientOverrideConfiguration.builder()
            .apiCallTimeout(options.apiCallTimeout())
            .apiCallAttemptTimeout(options.apiCallAttemptTimeout())
            .retryStrategy(retries)
            .scheduledExecutorService(timers);
    if (options.events() != SesEvents.NONE) {
      overrides.addExecutionInterceptor(new AttemptInterceptor(options.apiCallAttemptTimeout()));
    }
    return overrides.build();
  }

  /**
   * Hands a send to the SDK ({@code call}); where someone listens ({@link
   * SesBindingOptions#events()}), its attempts are told to what they say for this send, on this
   * thread.
   */
  private <T> T measured(Supplier<T> call) {
    return events == SesEvents.NONE
        ? call.get()
        : AttemptInterceptor.sending(events.sending(component), call);
  }

  @Override
  public CompletionStage<String> send(Email email) {
    if (email.isTemplated()) {
      SendTemplatedEmailRequest request = SendEmailRequests.templated(email);
      return answered(
          measured(() -> client.sendTemplatedEmail(request)),
          response -> SesAnswers.messageId(response.messageId()));
    }
    if (email.isRaw()) {
      SendRawEmailRequest request;
      try {
        request = SendEmailRequests.raw(email);
      } catch (BindingException e) {
        return CompletableFuture.failedFuture(e);
      }
      return answered(
          measured(() -> client.sendRawEmail(request)),
          response -> SesAnswers.messageId(response.messageId()));
    }
    SendEmailRequest request = SendEmailRequests.of(email);
    return answered(
        measured(() -> client.sendEmail(request)),
        response -> SesAnswers.messageId(response.messageId()));
  }

  /** One {@code SendBulkTemplatedEmail} for every destination ({@link SesAnswers#statuses}). */
  @Override
  public CompletionStage<List<BulkStatus>> sendBulk(BulkEmail bulk) {
    SendBulkTemplatedEmailRequest request = SendEmailRequests.bulk(bulk);
    return answered(
        measured(() -> client.sendBulkTemplatedEmail(request)),
        response ->
            SesAnswers.statuses(
                bulk.destinations().size(),
                response.status().stream()
                    .map(
                        status ->
                            new SesAnswers.Answered(
                                status.statusAsString(), status.messageId(), status.error()))
                    .toList()));
  }

  /**
   * What {@code answer} makes of the SDK call's response, or its failure as a {@link
   * BindingException}. Completed (or cancelled) from outside first, the answer cancels the SDK
   * call: the SDK aborts it and retries no more.
   */
  @SuppressWarnings("FutureReturnValueIgnored") // the callbacks complete or cancel; result returned
  private static <R, T> CompletableFuture<T> answered(
      CompletableFuture<R> sdkCall, Function<R, T> answer) {
    CompletableFuture<T> result = new CompletableFuture<>();
    result.whenComplete(
        (value, failure) -> {
          if (!sdkCall.isDone()) {
            sdkCall.cancel(true);
          }
        });
    sdkCall.whenComplete(
        (response, error) -> {
          if (error != null) {
            result.completeExceptionally(SesErrors.toBindingException(error));
            return;
          }
          try {
            result.complete(answer.apply(response));
          } catch (BindingException e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  @Override
  public CompletionStage<Double> accountRate() {
    return client
        .getSendQuota()
        .handle(
            (quota, error) -> {
              if (error != null) {
                throw new CompletionException(SesErrors.toBindingException(error));
              }
              return quota.maxSendRate();
            });
  }

  @Override
  public void close() {
    client.close();
    timers.shutdownNow();
    auth.close();
  }
}
