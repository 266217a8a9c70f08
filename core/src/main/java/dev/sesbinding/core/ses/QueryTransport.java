package dev.sesbinding.core.ses;

import dev.sesbinding.auth.AwsAuth;
import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.SesEvents;
import dev.sesbinding.core.email.BulkEmail;
import dev.sesbinding.core.email.BulkStatus;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.internal.DaemonThreads;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import software.amazon.awssdk.awscore.endpoint.AwsClientEndpointProvider;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.ses.endpoints.SesEndpointParams;
import software.amazon.awssdk.services.ses.endpoints.SesEndpointProvider;

/**
 * Sends through SES's Query protocol itself, over the caller's {@link SesHttpClient}: the same
 * requests as {@link SesTransport} ({@link SendEmailRequests}, written by {@link QueryForm}), the
 * endpoint the SDK's rules give, SigV4 by the SDK's own signer, and SES's answers read as the SDK
 * reads them ({@link QueryAnswer}) and mapped by {@link SesErrors}. Stricter than the SDK on
 * retries: it retries only where SES cannot have taken the email (throttled, or no connection at
 * all), never an attempt whose request went out and got no answer, broke off or got a 5xx.
 */
final class QueryTransport implements SesClient {
  private static final String SIGNING_NAME = "ses";

  private final SesHttpClient http;
  private final AwsAuth auth;
  private final URI endpoint;
  private final ScheduledThreadPoolExecutor timers;
  private final Executor completion;
  private final SesBindingOptions options;
  private final String component;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  private QueryTransport(
      SesHttpClient http, AwsAuth auth, URI endpoint, SesBindingOptions options, String component) {
    this.http = http;
    this.auth = auth;
    this.endpoint = endpoint;
    this.timers = DaemonThreads.timer("ses-binding-query-timers");
    this.completion = options.completionExecutor().orElse(ForkJoinPool.commonPool());
    this.options = options;
    this.component = component;
  }

  /**
   * Takes ownership of {@code auth}, not of {@code http}: closing the transport closes the
   * credentials and the timers.
   */
  static QueryTransport create(
      String component, AwsAuth auth, SesHttpClient http, SesBindingOptions options) {
    return new QueryTransport(http, auth, endpoint(auth), options, component);
  }

  /**
   * Where SES is, as the SDK's SES client finds it: the component's endpoint, else {@code
   * AWS_ENDPOINT_URL_SES} (or {@code aws.endpointUrlSes}, {@code AWS_ENDPOINT_URL}, the profile's
   * {@code endpoint_url}), else SES's endpoint rules for the region. Reads the AWS profile: call
   * where blocking is allowed.
   */
  static URI endpoint(AwsAuth auth) {
    AwsClientEndpointProvider.Builder configured =
        AwsClientEndpointProvider.builder()
            .serviceEndpointOverrideEnvironmentVariable("AWS_ENDPOINT_URL_SES")
            .serviceEndpointOverrideSystemProperty("aws.endpointUrlSes")
            .serviceProfileProperty("ses")
            .serviceEndpointPrefix("email")
            .defaultProtocol("https")
            .region(auth.region());
    auth.endpoint().ifPresent(configured::clientEndpointOverride);
    SesEndpointParams.Builder params =
        SesEndpointParams.builder().region(auth.region()).useDualStack(false).useFips(false);
    configured.resolveFromOverrides().ifPresent(uri -> params.endpoint(uri.toString()));
    // the rules are computed, never fetched: the future is complete (or failed) on return
    Endpoint resolved =
        SesEndpointProvider.defaultProvider().resolveEndpoint(params.build()).getNow(null);
    if (resolved == null) {
      throw new IllegalStateException("SES's endpoint rules gave no endpoint at once");
    }
    URI url = resolved.endpointUrl().toUri();
    return url.getRawPath() == null || url.getRawPath().isEmpty() ? url.resolve("/") : url;
  }

  @Override
  public CompletionStage<String> send(Email email) {
    String action;
    SdkPojo request;
    if (email.isTemplated()) {
      action = "SendTemplatedEmail";
      request = SendEmailRequests.templated(email);
    } else if (email.isRaw()) {
      action = "SendRawEmail";
      try {
        request = SendEmailRequests.raw(email);
      } catch (BindingException e) {
        return CompletableFuture.failedFuture(e);
      }
    } else {
      action = "SendEmail";
      request = SendEmailRequests.of(email);
    }
    return call(
        action,
        request,
        answer -> SesAnswers.messageId(answer.first("MessageId").orElse(null)),
        true);
  }

  /** One {@code SendBulkTemplatedEmail} for every destination ({@link SesAnswers#statuses}). */
  @Override
  public CompletionStage<List<BulkStatus>> sendBulk(BulkEmail bulk) {
    return call(
        "SendBulkTemplatedEmail",
        SendEmailRequests.bulk(bulk),
        answer -> {
          List<SesAnswers.Answered> answered = new ArrayList<>();
          for (int i = 0; i < answer.members(); i++) {
            answered.add(
                new SesAnswers.Answered(
                    answer.inMember(i, "Status").orElse(null),
                    answer.inMember(i, "MessageId").orElse(null),
                    answer.inMember(i, "Error").orElse(null)));
          }
          return SesAnswers.statuses(bulk.destinations().size(), answered);
        },
        true);
  }

  @Override
  public CompletionStage<Double> accountRate() {
    return call(
        "GetSendQuota",
        null,
        answer -> {
          try {
            return Double.parseDouble(answer.first("MaxSendRate").orElse(""));
          } catch (NumberFormatException e) {
            throw SesErrors.unreadable("GetSendQuota", "no MaxSendRate");
          }
        },
        false);
  }

  private <T> CompletableFuture<T> call(
      String action, SdkPojo request, QueryCall.Reading<T> reading, boolean measured) {
    SesEvents.Send send =
        measured && options.events() != SesEvents.NONE ? options.events().sending(component) : null;
    QueryCall<T> call =
        new QueryCall<>(
            this::exchange,
            QueryForm.of(action, request),
            reading,
            send,
            options,
            timers,
            completion);
    call.start();
    return call.result();
  }

  /**
   * Signs {@code body} with the component's current credentials, and posts it; completing the
   * returned future first aborts the post.
   */
  @SuppressWarnings("FutureReturnValueIgnored") // the callbacks complete or abort; result returned
  private CompletableFuture<SesHttpAnswer> exchange(byte[] body) {
    CompletableFuture<SesHttpAnswer> exchanged = new CompletableFuture<>();
    auth.credentialsProvider()
        .resolveIdentity()
        .whenComplete(
            (identity, failure) -> {
              if (failure != null) {
                exchanged.completeExceptionally(failure);
                return;
              }
              if (exchanged.isDone()) {
                return; // cancelled before anything went out
              }
              CompletableFuture<SesHttpAnswer> post;
              try {
                post = http.post(endpoint, signed(identity, body), body);
              } catch (RuntimeException e) {
                exchanged.completeExceptionally(e);
                return;
              }
              exchanged.whenComplete(
                  (answer, error) -> {
                    if (!post.isDone()) {
                      post.cancel(true);
                    }
                  });
              post.whenComplete(
                  (answer, error) -> {
                    if (error != null) {
                      exchanged.completeExceptionally(error);
                    } else {
                      exchanged.complete(answer);
                    }
                  });
            });
    return exchanged;
  }

  private Map<String, List<String>> signed(AwsCredentialsIdentity identity, byte[] body) {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint)
            .putHeader("Content-Type", QueryForm.CONTENT_TYPE)
            .build();
    return signer
        .sign(
            sign ->
                sign.identity(identity)
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, auth.region().id()))
        .request()
        .headers();
  }

  @Override
  public void close() {
    timers.shutdownNow();
    auth.close();
  }
}
