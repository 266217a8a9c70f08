package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.auth.AwsAuth;
import dev.sesbinding.auth.AwsAuthSettings;
import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.BindingException.Kind;
import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.SesEvents;
import dev.sesbinding.core.SesEvents.Attempt;
import dev.sesbinding.core.email.BulkDestination;
import dev.sesbinding.core.email.BulkEmail;
import dev.sesbinding.core.email.BulkStatus;
import dev.sesbinding.core.email.Email;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link QueryTransport}'s calls over a scripted HTTP client (the faults no emulator makes on
 * demand): what is retried (only what SES cannot have taken), what is not, timeouts, cancelling,
 * the attempts told, the signed headers, and SES's answers read.
 */
class QueryTransportTest {
  private static final String OK =
      "<SendEmailResponse><SendEmailResult><MessageId>id-1</MessageId></SendEmailResult>"
          + "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></SendEmailResponse>";
  private static final String THROTTLED =
      "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
          + "<Message>Maximum sending rate exceeded.</Message></Error><RequestId>r-2</RequestId>"
          + "</ErrorResponse>";
  private static final Email EMAIL =
      Email.builder().from("shop@example.com").to("a@example.com").subject("s").html("h").build();

  private final Scripted http = new Scripted();
  private final List<Attempt> told = Collections.synchronizedList(new ArrayList<>());
  private QueryTransport transport;

  @AfterEach
  void close() {
    if (transport != null) {
      transport.close();
    }
  }

  private QueryTransport transport(Duration callTimeout) throws Exception {
    SesBindingOptions options =
        SesBindingOptions.builder()
            .apiCallTimeout(callTimeout)
            .apiCallAttemptTimeout(Duration.ofMillis(500))
            .retryBaseDelay(Duration.ofMillis(5))
            .retryMaxDelay(Duration.ofMillis(20))
            .completionExecutor(Runnable::run)
            .sesHttpClient(http)
            .events(
                new SesEvents() {
                  @Override
                  public void attempted(String component, Attempt outcome, int number) {
                    told.add(outcome);
                  }
                })
            .build();
    ComponentMetadata component =
        ComponentMetadata.of(
            "mail",
            SesBinding.TYPE,
            SesBinding.VERSION,
            Map.of(
                "region", "eu-west-1",
                "endpoint", "http://127.0.0.1:9",
                "accessKey", "AKIAQUERYTEST",
                "secretKey", "secret-query-test"));
    transport =
        (QueryTransport)
            ComponentTransports.of(component, options)
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    return transport;
  }

  private QueryTransport transport() throws Exception {
    return transport(Duration.ofSeconds(10));
  }

  @Test
  void sendsOneSignedPostAndAnswersItsMessageId() throws Exception {
    http.then(() -> answer(200, OK));

    assertThat(transport().send(EMAIL).toCompletableFuture().join()).isEqualTo("id-1");

    assertThat(http.posts).hasSize(1);
    Scripted.Post post = http.posts.get(0);
    assertThat(post.uri()).isEqualTo(URI.create("http://127.0.0.1:9/"));
    assertThat(post.header("Authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIAQUERYTEST/")
        .contains("/eu-west-1/ses/aws4_request, SignedHeaders=")
        .contains("host")
        .contains("x-amz-date")
        .doesNotContain("secret-query-test");
    assertThat(post.header("Content-Type")).isEqualTo(QueryForm.CONTENT_TYPE);
    assertThat(post.header("Host")).isEqualTo("127.0.0.1:9");
    assertThat(post.form()).startsWith("Action=SendEmail&Version=2010-12-01&");
    assertThat(told).containsExactly(Attempt.SUCCESS);
  }

  @Test
  void throttlingAndRefusedConnectionsAreRetriedThenTheMessageIdAnswers() throws Exception {
    http.then(() -> answer(400, THROTTLED))
        .then(() -> CompletableFuture.failedFuture(new ConnectException("refused")))
        .then(() -> answer(200, OK));

    assertThat(transport().send(EMAIL).toCompletableFuture().join()).isEqualTo("id-1");

    assertThat(http.posts).hasSize(3);
    assertThat(told).containsExactly(Attempt.THROTTLED, Attempt.NETWORK, Attempt.SUCCESS);
  }

  @Test
  void aServerErrorIsNotRetriedSinceSesMayHaveTakenTheEmail() throws Exception {
    http.always(
        () ->
            answer(
                503,
                "<ErrorResponse><Error><Code>ServiceUnavailable</Code></Error></ErrorResponse>"));

    BindingException error = failure(transport().send(EMAIL));

    assertThat(error.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(error.getMessage()).contains("ServiceUnavailable").contains("status 503");
    assertThat(http.posts).hasSize(1);
    assertThat(told).containsExactly(Attempt.SERVER_ERROR);
  }

  @Test
  void throttlingIsRetriedUpToMaxAttempts() throws Exception {
    http.always(() -> answer(400, THROTTLED));

    BindingException error = failure(transport().send(EMAIL));

    assertThat(error.kind()).isEqualTo(Kind.THROTTLED);
    assertThat(error.retryAfter()).contains(Duration.ofSeconds(1));
    assertThat(http.posts).hasSize(3);
    assertThat(told).containsOnly(Attempt.THROTTLED).hasSize(3);
  }

  @Test
  void anExchangeThatBrokeOffAfterSendingIsNotRetried() throws Exception {
    http.then(() -> CompletableFuture.failedFuture(new IOException("Connection reset")));

    BindingException error = failure(transport().send(EMAIL));

    assertThat(error.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(error.getMessage())
        .contains("the call to SES broke off: IOException: Connection reset")
        .endsWith(SesErrors.UNKNOWN_OUTCOME);
    assertThat(http.posts).hasSize(1);
    assertThat(told).containsExactly(Attempt.NETWORK);
  }

  @Test
  void anUnansweredAttemptTimesOutIsAbortedAndIsNotRetried() throws Exception {
    CompletableFuture<SesHttpAnswer> hung = new CompletableFuture<>();
    http.then(() -> hung);

    BindingException error = failure(transport().send(EMAIL));

    assertThat(error.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(error.getMessage())
        .contains("took longer than 500 ms")
        .endsWith(SesErrors.UNKNOWN_OUTCOME);
    assertThat(hung).as("the exchange, aborted").isCancelled();
    Thread.sleep(200);
    assertThat(http.posts).hasSize(1);
    assertThat(told).containsExactly(Attempt.TIMEOUT);
  }

  @Test
  void cancellingTheSendAbortsTheExchangeAndNothingMoreIsSent() throws Exception {
    CompletableFuture<SesHttpAnswer> hung = new CompletableFuture<>();
    http.then(() -> hung);
    CompletableFuture<String> sent = transport().send(EMAIL).toCompletableFuture();

    sent.cancel(false);

    assertThat(hung).isCancelled();
    Thread.sleep(700);
    assertThat(http.posts).hasSize(1);
  }

  @Test
  void aRetryThatWouldEndAfterTheCallTimeoutIsNotMade() throws Exception {
    http.always(() -> answer(400, THROTTLED));
    QueryTransport slow = transport(Duration.ofMillis(10)); // throttled: backoff from 12.5 ms

    BindingException error = failure(slow.send(EMAIL));

    assertThat(error.kind()).isEqualTo(Kind.THROTTLED);
    assertThat(http.posts).hasSize(1);
  }

  @Test
  void aSuccessWithoutAMessageIdOrNotXmlMayHaveSent() throws Exception {
    http.then(() -> answer(200, "<SendEmailResponse><SendEmailResult/></SendEmailResponse>"))
        .then(() -> answer(200, "<SendEmailResponse><Oops"));
    QueryTransport query = transport();

    assertThat(failure(query.send(EMAIL)).getMessage())
        .contains("SES answered without a message id");
    assertThat(failure(query.send(EMAIL)).getMessage())
        .contains("SES answered with a body that is not a SendEmail response");
    assertThat(http.posts).hasSize(2);
  }

  @Test
  void aSuccessThatIsNotXmlIsDescribedAsTheSdkTransportDescribesIt() throws Exception {
    http.always(() -> answer(200, "this is not XML"));

    assertThat(failure(transport().send(EMAIL)).getMessage())
        .as("SesRetryIT pins the same words for the SDK's transport")
        .isEqualTo(
            "SES binding error. Sending email failed: SES answered with a body "
                + "that is not a SendEmail response (XMLStreamException: ParseError at "
                + "[row,col]:[1,1] Message: Content is not allowed in prolog.); the email may or "
                + "may not have been sent");
  }

  @Test
  void anErrorThatIsNotXmlKeepsItsStatus() throws Exception {
    http.then(() -> answer(403, "<html>denied</html"));

    BindingException error = failure(transport().send(EMAIL));

    assertThat(error.kind()).isEqualTo(Kind.REJECTED);
    assertThat(error.getMessage()).contains("HTTP403").contains("status 403");
  }

  @Test
  void readsABulkSendsStatusesInOrder() throws Exception {
    http.then(
        () ->
            answer(
                200,
                "<SendBulkTemplatedEmailResponse><SendBulkTemplatedEmailResult><Status>"
                    + "<member><Status>Success</Status><MessageId>m-1</MessageId></member>"
                    + "<member><Status>MessageRejected</Status><Error>not verified</Error></member>"
                    + "<member><MessageId>m-3</MessageId></member>"
                    + "</Status></SendBulkTemplatedEmailResult></SendBulkTemplatedEmailResponse>"));
    BulkEmail bulk =
        BulkEmail.builder()
            .from("shop@example.com")
            .template("t", "{}")
            .destination(BulkDestination.to("", "a@example.com"))
            .destination(BulkDestination.to("", "b@example.com"))
            .destination(BulkDestination.to("", "c@example.com"))
            .destination(BulkDestination.to("", "d@example.com"))
            .build();

    List<BulkStatus> statuses = transport().sendBulk(bulk).toCompletableFuture().join();

    assertThat(statuses)
        .extracting(BulkStatus::status, BulkStatus::messageId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Success", "m-1"),
            org.assertj.core.groups.Tuple.tuple("MessageRejected", ""),
            org.assertj.core.groups.Tuple.tuple("Success", "m-3"),
            org.assertj.core.groups.Tuple.tuple("Failed", ""));
    assertThat(statuses.get(1).error()).isEqualTo("not verified");
    assertThat(http.posts.get(0).form()).startsWith("Action=SendBulkTemplatedEmail&");
  }

  @Test
  void readsTheAccountsSendRate() throws Exception {
    http.then(
            () ->
                answer(
                    200,
                    "<GetSendQuotaResponse><GetSendQuotaResult><MaxSendRate>14.0</MaxSendRate>"
                        + "</GetSendQuotaResult></GetSendQuotaResponse>"))
        .then(() -> answer(200, "<GetSendQuotaResponse/>"));
    QueryTransport query = transport();

    assertThat(query.accountRate().toCompletableFuture().join()).isEqualTo(14.0);
    assertThat(failure(query.accountRate()).getMessage()).contains("no MaxSendRate");
    assertThat(told).as("not a send").isEmpty();
  }

  @Test
  void findsSesWhereTheSdksClientWould() throws Exception {
    Map<String, String> keys = Map.of("accessKey", "AKIAQUERYTEST", "secretKey", "s");
    try (AwsAuth regional = auth(keys, Map.of());
        AwsAuth overridden = auth(keys, Map.of("endpoint", "http://127.0.0.1:9"))) {
      assertThat(QueryTransport.endpoint(regional))
          .isEqualTo(URI.create("https://email.eu-west-1.amazonaws.com/"));
      System.setProperty("aws.endpointUrlSes", "http://127.0.0.1:4566");
      try {
        assertThat(QueryTransport.endpoint(regional))
            .as("AWS_ENDPOINT_URL_SES's system property")
            .isEqualTo(URI.create("http://127.0.0.1:4566/"));
        assertThat(QueryTransport.endpoint(overridden))
            .as("the component's endpoint wins")
            .isEqualTo(URI.create("http://127.0.0.1:9/"));
      } finally {
        System.clearProperty("aws.endpointUrlSes");
      }
    }
  }

  private static AwsAuth auth(Map<String, String> keys, Map<String, String> more) throws Exception {
    Map<String, String> metadata = new java.util.HashMap<>(keys);
    metadata.put("region", "eu-west-1");
    metadata.putAll(more);
    return AwsAuth.resolve(AwsAuthSettings.fromMetadata(metadata, SesKeys.ALL), Runnable::run)
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private static CompletableFuture<SesHttpAnswer> answer(int status, String body) {
    return CompletableFuture.completedFuture(
        SesHttpAnswer.of(status, body.getBytes(StandardCharsets.UTF_8)));
  }

  private static BindingException failure(java.util.concurrent.CompletionStage<?> stage) {
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(() -> stage.toCompletableFuture().join());
    assertThat(thrown).isInstanceOf(CompletionException.class);
    assertThat(thrown.getCause()).isInstanceOf(BindingException.class);
    return (BindingException) thrown.getCause();
  }

  /** Answers each post with the next scripted answer, or the last one forever. */
  private static final class Scripted implements SesHttpClient {
    record Post(URI uri, Map<String, List<String>> headers, String form) {
      String header(String name) {
        return headers.entrySet().stream()
            .filter(entry -> entry.getKey().equalsIgnoreCase(name))
            .map(entry -> String.join(",", entry.getValue()))
            .findFirst()
            .orElse(null);
      }
    }

    final List<Post> posts = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Supplier<CompletableFuture<SesHttpAnswer>>> script = new ArrayDeque<>();
    private Supplier<CompletableFuture<SesHttpAnswer>> always;

    synchronized Scripted then(Supplier<CompletableFuture<SesHttpAnswer>> next) {
      script.add(next);
      return this;
    }

    synchronized void always(Supplier<CompletableFuture<SesHttpAnswer>> answer) {
      always = answer;
    }

    @Override
    public synchronized CompletableFuture<SesHttpAnswer> post(
        URI uri, Map<String, List<String>> headers, byte[] body) {
      posts.add(new Post(uri, Map.copyOf(headers), new String(body, StandardCharsets.US_ASCII)));
      Supplier<CompletableFuture<SesHttpAnswer>> next = script.isEmpty() ? always : script.poll();
      return next == null
          ? CompletableFuture.failedFuture(new AssertionError("no answer scripted"))
          : next.get();
    }
  }
}
