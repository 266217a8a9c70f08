package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.BindingException.Kind;
import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.Metadata;
import dev.sesbinding.core.email.BulkDestination;
import dev.sesbinding.core.email.BulkEmail;
import dev.sesbinding.core.email.BulkStatus;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.SentEmail;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bulk sends as data and as values: the shape's rules, each refusal naming where it is; the answer
 * per destination; a transport without bulk sending one email per destination.
 */
class BulkSendTest {
  private static final EmailComposer COMPOSER =
      new EmailComposer(
          Metadata.of(Map.of("emailFrom", "shop@example.com", "emailTo", "ignored@example.com")));

  private static Optional<BulkEmail> bulk(String data) {
    return COMPOSER.composeBulk(
        InvokeRequest.of("create", data.getBytes(StandardCharsets.UTF_8), Map.of()));
  }

  private static String destinations(int count) {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < count; i++) {
      list.append(i == 0 ? "" : ",").append("{\"emailTo\":\"u").append(i).append("@example.com\"}");
    }
    return "{\"template\":\"t\",\"destinations\":[" + list + "]}";
  }

  @Test
  void dataWithTemplateAndDestinationsIsABulkSend() {
    BulkEmail bulk =
        bulk("{\"template\":\"welcome\",\"templateData\":\"{\\\"shop\\\":\\\"Acme\\\"}\","
                + "\"destinations\":[{\"emailTo\":\"Ana <ana@example.com>\",\"emailBcc\":"
                + "\"audit@example.com\",\"templateData\":{\"name\":\"Ana\"},\"tags\":\"a=b\"}]}")
            .orElseThrow();
    assertThat(bulk.template()).isEqualTo("welcome");
    assertThat(bulk.defaultTemplateData()).isEqualTo("{\"shop\":\"Acme\"}");
    BulkDestination only = bulk.destinations().get(0);
    assertThat(only.to().get(0).formatted()).isEqualTo("Ana <ana@example.com>");
    assertThat(only.bcc()).hasSize(1);
    assertThat(only.templateData()).contains("\"name\"").contains("\"Ana\"");
    assertThat(only.tags()).hasSize(1);
    assertThat(bulk.from().address()).isEqualTo("shop@example.com");
  }

  @Test
  void otherDataIsNotABulkSend() {
    assertThat(bulk("\"<p>Hi</p>\"")).isEmpty();
    assertThat(bulk("{\"html\":\"<p>Hi</p>\"}")).isEmpty();
    assertThat(bulk("{\"destinations\":[]}")).as("template data, without template").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"template\":\"t\",\"destinations\":[],\"x\":1}|unknown field \"x\" of a bulk send",
        "{\"template\":1,\"destinations\":[]}|template must be a string",
        "{\"template\":\"t\",\"destinations\":{}}|destinations must be an array",
        "{\"template\":\"t\",\"destinations\":[1]}|destination 1: must be an object",
        "{\"template\":\"t\",\"destinations\":[{}]}|destination 1: emailTo is missing",
        "{\"template\":\"t\",\"destinations\":[{\"emailTo\":\"a@example.com\",\"to\":\"\"}]}"
            + "|destination 1: unknown field \"to\"",
        "{\"template\":\"t\",\"destinations\":[{\"emailTo\":\"a@example.com\"},"
            + "{\"emailTo\":\"nope\"}]}|destination 2: emailTo \"nope\"",
        "{\"template\":\"t\",\"destinations\":[{\"emailTo\":\"a@example.com\",\"tags\":\"x\"}]}"
            + "|destination 1: tags \"x\" is not name=value",
        "{\"template\":\"t\",\"destinations\":[{\"emailTo\":\"a@example.com\","
            + "\"templateData\":[1]}]}|destination 1: templateData must be a JSON object",
        "{\"template\":\"t\",\"destinations\":[]}|destinations has 0 entries; a bulk send takes 1"
            + " to 50",
        "{\"template\":\"bad name\",\"destinations\":[{\"emailTo\":\"a@example.com\"}]}"
            + "|template \"bad name\" is not a valid SES template name",
      })
  void aBadBulkShapeIsRefusedNamingWhere(String data, String problem) {
    assertThatThrownBy(() -> bulk(data))
        .isInstanceOfSatisfying(
            BindingException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CALLER))
        .hasMessageContaining(problem);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "AccountThrottled, THROTTLED, PT1S",
    "AccountDailyQuotaExceeded, THROTTLED, PT1H",
    "TransientFailure, UNAVAILABLE, PT1S",
    "Failed, UNAVAILABLE, PT1S",
    "TIMEOUT, TIMEOUT, ",
    "CALLER, CALLER, ",
    "MessageRejected, REJECTED, ",
    "MailFromDomainNotVerified, REJECTED, ",
  })
  void noDestinationSentFailsOfTheKindTheFirstStatusSays(
      String status, Kind kind, java.time.Duration retryAfter) {
    BindingException error =
        SesErrors.noDestinationSent(
            List.of(new BulkStatus(status, "", "why"), BulkStatus.sent("ignored")));
    assertThat(error.kind()).isEqualTo(kind);
    assertThat(error.retryAfter().orElse(null)).isEqualTo(retryAfter);
    assertThat(error.serviceError().map(service -> service.code()))
        .as("an SES status is the SES code; one of our kinds is not")
        .isEqualTo(
            java.util.Arrays.stream(Kind.values()).anyMatch(k -> k.name().equals(status))
                ? java.util.Optional.empty()
                : java.util.Optional.of(status));
  }

  @Test
  void fiftyDestinationsAreTheMost() {
    assertThat(bulk(destinations(50)).orElseThrow().destinations()).hasSize(50);
    assertThatThrownBy(() -> bulk(destinations(51)))
        .hasMessage("SES binding error: destinations has 51 entries; a bulk send takes 1 to 50");
  }

  @Test
  void headersABulkSendCannotCarryAreRefused() {
    assertThatThrownBy(
            () ->
                COMPOSER.composeBulk(
                    InvokeRequest.of(
                        "create",
                        destinations(1).getBytes(StandardCharsets.UTF_8),
                        Map.of("listUnsubscribe", "https://example.com/u"))))
        .hasMessageContaining("listUnsubscribe cannot go with a bulk send");
  }

  @Test
  void theAnswerListsEachDestinationInOrder() {
    InvokeResponse response =
        BulkAnswers.of(
            List.of(
                BulkStatus.sent("id-1"),
                new BulkStatus("MessageRejected", "", "Email address is not verified.")));
    assertThat(response.dataAsString())
        .isEqualTo(
            "{\"destinations\":[{\"status\":\"Success\",\"messageId\":\"id-1\"},"
                + "{\"status\":\"MessageRejected\",\"error\":\"Email address is not verified.\"}]}");
    assertThat(response.metadata()).containsEntry("sent", "1").containsEntry("failed", "1");
  }

  @Test
  void theOutboxKeepsOneTemplatedEmailPerDestination() {
    SesBinding binding =
        SesBinding.init(
                ComponentMetadata.of(
                    "dev",
                    SesBinding.TYPE,
                    SesBinding.VERSION,
                    Map.of(
                        "transport", "outbox", "emailFrom", "shop@example.com", "tags", "a=1;b=2")))
            .toCompletableFuture()
            .join();
    try (binding) {
      InvokeResponse response =
          binding
              .invoke(
                  InvokeRequest.of(
                      "create",
                      ("{\"template\":\"t\",\"templateData\":{\"d\":1},\"destinations\":["
                              + "{\"emailTo\":\"a@example.com\",\"templateData\":{\"n\":1},"
                              + "\"tags\":\"b=3\"},{\"emailTo\":\"b@example.com\"}]}")
                          .getBytes(StandardCharsets.UTF_8),
                      Map.of()))
              .toCompletableFuture()
              .join();
      assertThat(response.metadata()).containsEntry("sent", "2");
      List<Email> kept =
          binding.outbox().orElseThrow().list().stream().map(SentEmail::email).toList();
      assertThat(kept).hasSize(2);
      Email first =
          kept.stream()
              .filter(e -> e.to().get(0).address().startsWith("a"))
              .findFirst()
              .orElseThrow();
      Email second =
          kept.stream()
              .filter(e -> e.to().get(0).address().startsWith("b"))
              .findFirst()
              .orElseThrow();
      assertThat(first.templateData()).contains("\"n\"");
      assertThat(second.templateData()).as("the default").contains("\"d\"");
      assertThat(first.options().tags())
          .extracting(t -> t.name() + "=" + t.value())
          .as("the destination's tag replaces the default of its name")
          .containsExactly("a=1", "b=3");
    }
  }

  @Test
  void aTransportWithoutBulkReportsEachFailureAndFailsOnlyWhenNoneWasSent() {
    AtomicInteger calls = new AtomicInteger();
    EmailTransport halfFailing =
        new EmailTransport() {
          @Override
          public CompletionStage<String> send(Email email) {
            return calls.incrementAndGet() % 2 == 1
                ? CompletableFuture.completedFuture("id-" + calls.get())
                : CompletableFuture.failedFuture(new BindingException(Kind.THROTTLED, "slow down"));
          }
        };
    BulkEmail two =
        BulkEmail.builder()
            .from("shop@example.com")
            .template("t", "{}")
            .destination(BulkDestination.to("", "a@example.com"))
            .destination(BulkDestination.to("", "b@example.com"))
            .build();
    List<BulkStatus> statuses = halfFailing.sendBulk(two).toCompletableFuture().join();
    assertThat(statuses).extracting(BulkStatus::status).containsExactly("Success", "THROTTLED");
    assertThat(statuses.get(1).error()).isEqualTo("slow down");

    BindingException none = SesErrors.noDestinationSent(List.of(statuses.get(1), statuses.get(1)));
    assertThat(none.kind()).isEqualTo(Kind.THROTTLED);
    assertThat(none.serviceError()).as("not an SES status").isEmpty();
    assertThat(none.getMessage())
        .isEqualTo(
            "SES binding error. Sending email failed: no destination was sent: destination 1:"
                + " THROTTLED (slow down); destination 2: THROTTLED (slow down)");
  }

  @Test
  void cancellingABulkSendCancelsWhatIsNotYetSent() {
    CompletableFuture<String> pending = new CompletableFuture<>();
    EmailTransport waiting =
        new EmailTransport() {
          @Override
          public CompletionStage<String> send(Email email) {
            return email.to().get(0).address().startsWith("a")
                ? CompletableFuture.completedFuture("id-1")
                : pending;
          }
        };
    CompletableFuture<List<BulkStatus>> answer =
        waiting
            .sendBulk(
                BulkEmail.builder()
                    .from("shop@example.com")
                    .template("t", "{}")
                    .destination(BulkDestination.to("", "a@example.com"))
                    .destination(BulkDestination.to("", "b@example.com"))
                    .build())
            .toCompletableFuture();
    assertThat(answer).isNotDone();
    answer.cancel(false);
    assertThat(pending).as("the unsent destination's send").isCancelled();
  }
}
