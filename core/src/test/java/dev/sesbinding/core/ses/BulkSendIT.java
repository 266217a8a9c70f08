package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.email.BulkDestination;
import dev.sesbinding.core.email.BulkEmail;
import dev.sesbinding.core.email.BulkStatus;
import dev.sesbinding.testing.EmulatedMessage;
import dev.sesbinding.testing.FaultySes;
import dev.sesbinding.testing.MotoServer;
import dev.sesbinding.testing.SesReply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * Bulk templated sends: three destinations with their own data through moto, read back from what
 * moto keeps; the parameters moto does not keep (tags, ARNs) and per-destination failures from a
 * recording stub.
 */
class BulkSendIT {
  @RegisterExtension static final MotoServer MOTO = MotoServer.create();
  private static final String SENDER = "sender@example.com";
  private static final String ARN = "arn:aws:ses:eu-west-1:123456789012:identity/example.com";
  private static final String BULK =
      "{\"template\":\"order-shipped\",\"templateData\":{\"shop\":\"Acme\"},\"destinations\":["
          + "{\"emailTo\":\"ana@example.com\",\"templateData\":{\"name\":\"Ana\"}},"
          + "{\"emailTo\":\"bo@example.com;cy@example.com\",\"emailCc\":\"cc@example.com\","
          + "\"templateData\":{\"name\":\"Bo\"},\"tags\":\"tier=gold\"},"
          + "{\"emailTo\":\"di@example.com\"}]}";
  private static SesBinding moto;
  private static FaultySes stub;
  private static SesBinding recorded;

  @BeforeAll
  static void start() throws Exception {
    moto = EmulatorBindings.sendingTo(MOTO, SENDER);
    MOTO.createTemplate("order-shipped", "Order for {{name}}", "<p>Hi {{name}} from {{shop}}</p>");
    stub = FaultySes.start();
    recorded =
        EmulatorBindings.sendingTo(stub, SENDER, Map.of("tags", "campaign=spring;tier=silver"));
  }

  @AfterAll
  static void close() {
    if (moto != null) {
      moto.close();
    }
    if (recorded != null) {
      recorded.close();
    }
    if (stub != null) {
      stub.close();
    }
  }

  @BeforeEach
  void resetStub() {
    stub.resetAttempts();
  }

  private static InvokeResponse invoke(SesBinding binding, String data, Map<String, String> meta) {
    return binding
        .invoke(InvokeRequest.of("create", data.getBytes(StandardCharsets.UTF_8), meta))
        .toCompletableFuture()
        .join();
  }

  private static JsonNode json(String text) {
    return JsonNodeParser.create().parse(text);
  }

  @Test
  void threeDestinationsEachGetTheTemplateWithTheirOwnData() {
    InvokeResponse response = invoke(moto, BULK, Map.of());

    List<JsonNode> statuses = json(response.dataAsString()).field("destinations").get().asArray();
    assertThat(statuses).hasSize(3);
    for (JsonNode status : statuses) {
      assertThat(status.field("status").get().asString()).isEqualTo("Success");
      assertThat(status.field("messageId").get().asString()).isNotBlank();
    }
    assertThat(response.metadata()).containsEntry("sent", "3").containsEntry("failed", "0");

    List<EmulatedMessage> kept =
        MOTO.sentMessages().stream()
            .filter(message -> message.bodyType().equals("template:order-shipped"))
            .toList();
    assertThat(kept).as("one per destination, in order").hasSize(3);
    assertThat(kept.get(0).to()).containsExactly("ana@example.com");
    assertThat(name(kept.get(0))).isEqualTo("Ana");
    assertThat(kept.get(1).to()).containsExactly("bo@example.com", "cy@example.com");
    assertThat(kept.get(1).cc()).containsExactly("cc@example.com");
    assertThat(name(kept.get(1))).isEqualTo("Bo");
    assertThat(kept.get(2).to()).containsExactly("di@example.com");
    assertThat(json(kept.get(2).body()).field("shop").get().asString())
        .as("no data of its own: the default")
        .isEqualTo("Acme");
    assertThat(json(kept.get(2).body()).field("name")).isEmpty();
  }

  private static String name(EmulatedMessage message) {
    return json(message.body()).field("name").get().asString();
  }

  @Test
  void theBulkCallCarriesDefaultAndReplacementTagsAndArns() {
    stub.always(bulkAnswer("Success", "Success", "Success"));
    invoke(
        recorded,
        BULK,
        Map.of("sourceArn", ARN, "returnPathArn", ARN, "returnPath", "b@example.com"));
    Map<String, String> form = stub.forms().get(0);
    assertThat(form)
        .containsEntry("Action", "SendBulkTemplatedEmail")
        .containsEntry("Template", "order-shipped")
        .containsEntry("DefaultTags.member.1.Name", "campaign")
        .containsEntry("DefaultTags.member.2.Value", "silver")
        .containsEntry("Destinations.member.2.ReplacementTags.member.1.Name", "tier")
        .containsEntry("Destinations.member.2.ReplacementTags.member.1.Value", "gold")
        .containsEntry("Destinations.member.3.Destination.ToAddresses.member.1", "di@example.com")
        .containsEntry("SourceArn", ARN)
        .containsEntry("ReturnPathArn", ARN)
        .containsEntry("ReturnPath", "b@example.com")
        .doesNotContainKey("Destinations.member.3.ReplacementTemplateData");
  }

  @Test
  void aPartialFailureIsReportedPerDestination() {
    stub.always(bulkAnswer("Success", "MessageRejected", "Success"));
    InvokeResponse response = invoke(recorded, BULK, Map.of());
    List<JsonNode> statuses = json(response.dataAsString()).field("destinations").get().asArray();
    assertThat(statuses.get(0).field("messageId").get().asString()).isEqualTo("id-1");
    assertThat(statuses.get(1).field("status").get().asString()).isEqualTo("MessageRejected");
    assertThat(statuses.get(1).field("error").get().asString()).isEqualTo("error 2");
    assertThat(statuses.get(1).field("messageId")).isEmpty();
    assertThat(statuses.get(2).field("messageId").get().asString()).isEqualTo("id-3");
    assertThat(response.metadata()).containsEntry("sent", "2").containsEntry("failed", "1");
  }

  @Test
  void aDestinationSesGaveNoStatusOrNoMessageIdIsAFailureNotAGuess() {
    String body =
        "<SendBulkTemplatedEmailResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">"
            + "<SendBulkTemplatedEmailResult><Status>"
            + "<member><Status>Success</Status><MessageId>id-1</MessageId></member>"
            + "<member><Status>Success</Status></member>"
            + "</Status></SendBulkTemplatedEmailResult></SendBulkTemplatedEmailResponse>";
    stub.always(SesReply.answer(200, body));
    InvokeResponse response = invoke(recorded, BULK, Map.of());
    List<JsonNode> statuses = json(response.dataAsString()).field("destinations").get().asArray();
    assertThat(statuses.get(0).field("messageId").get().asString()).isEqualTo("id-1");
    assertThat(statuses.get(1).field("status").get().asString()).isEqualTo("Failed");
    assertThat(statuses.get(1).field("error").get().asString())
        .isEqualTo("SES answered Success without a message id");
    assertThat(statuses.get(2).field("error").get().asString())
        .isEqualTo("SES answered with no status for it");
    assertThat(response.metadata()).containsEntry("sent", "1").containsEntry("failed", "2");
  }

  @Test
  void noDestinationSentFailsTheCallOfTheKindSesGave() {
    stub.always(bulkAnswer("AccountThrottled", "AccountThrottled", "AccountThrottled"));
    assertThatThrownBy(() -> invoke(recorded, BULK, Map.of()))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            BindingException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BindingException.Kind.THROTTLED);
              assertThat(e.retryAfter()).isPresent();
              assertThat(e.getMessage())
                  .startsWith(
                      "SES binding error. Sending email failed: no destination was sent:"
                          + " destination 1: AccountThrottled (error 1)");
            });
    assertThat(stub.attempts()).as("a bulk answer is never retried").isEqualTo(1);
  }

  @Test
  void aTemplateSesDoesNotHaveIsRejectedAsAWhole() {
    String unknown = BULK.replace("order-shipped", "no-such-template");
    assertThatThrownBy(() -> invoke(moto, unknown, Map.of()))
        .cause()
        .isInstanceOfSatisfying(
            BindingException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BindingException.Kind.REJECTED);
              assertThat(e.getMessage()).contains("TemplateDoesNotExist");
            });
  }

  @Test
  void aJavaCallerSendsTheSameBulkAsTypedValues() {
    List<BulkStatus> statuses =
        moto.sendBulk(
                BulkEmail.builder()
                    .from(SENDER)
                    .template("order-shipped", "{\"shop\":\"Acme\"}")
                    .destination(BulkDestination.to("{\"name\":\"Ana\"}", "ana@example.com"))
                    .destination(BulkDestination.to("", "bo@example.com"))
                    .build())
            .toCompletableFuture()
            .join();
    assertThat(statuses).hasSize(2).allMatch(BulkStatus::isSent);
  }

  private static SesReply bulkAnswer(String... statuses) {
    StringBuilder body =
        new StringBuilder(
            "<SendBulkTemplatedEmailResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">"
                + "<SendBulkTemplatedEmailResult><Status>");
    for (int i = 0; i < statuses.length; i++) {
      body.append("<member><Status>").append(statuses[i]).append("</Status>");
      body.append(
          "Success".equals(statuses[i])
              ? "<MessageId>id-" + (i + 1) + "</MessageId>"
              : "<Error>error " + (i + 1) + "</Error>");
      body.append("</member>");
    }
    body.append(
        "</Status></SendBulkTemplatedEmailResult><ResponseMetadata><RequestId>r</RequestId>"
            + "</ResponseMetadata></SendBulkTemplatedEmailResponse>");
    return SesReply.answer(200, body.toString());
  }
}
