package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.testing.EmulatedMessage;
import dev.sesbinding.testing.FaultySes;
import dev.sesbinding.testing.MotoServer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each send option as SES receives it: moto keeps a raw message whole, so the headers are read back
 * from it (Return-Path, List-Unsubscribe, List-Unsubscribe-Post); moto keeps no tags, ARNs or
 * return path of an API call, so a recording stub shows the Query parameters the SDK sent.
 */
class SendOptionsIT {
  @RegisterExtension static final MotoServer MOTO = MotoServer.create();
  private static final String SENDER = "sender@example.com";
  private static final String ARN = "arn:aws:ses:eu-west-1:123456789012:identity/example.com";
  private static final String FROM_ARN = "arn:aws:ses:eu-west-1:123456789012:identity/shop.example";
  private static SesBinding moto;
  private static FaultySes stub;
  private static SesBinding recorded;

  @BeforeAll
  static void start() throws Exception {
    moto = EmulatorBindings.sendingTo(MOTO, SENDER);
    stub = FaultySes.start();
    recorded = EmulatorBindings.sendingTo(stub, SENDER, Map.of("tags", "campaign=spring"));
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
    stub.succeed();
  }

  private static InvokeResponse send(SesBinding binding, String data, Map<String, String> options) {
    Map<String, String> metadata = new HashMap<>(Map.of("emailTo", "ana@example.com"));
    if (!options.containsKey("template")) {
      metadata.put("subject", "Spring sale");
    }
    metadata.putAll(options);
    return binding
        .invoke(InvokeRequest.of("create", data.getBytes(StandardCharsets.UTF_8), metadata))
        .toCompletableFuture()
        .join();
  }

  @Test
  void motoKeepsTheReturnPathAndOneClickUnsubscribeHeaders() throws Exception {
    InvokeResponse response =
        send(
            moto,
            "\"<p>Sale</p>\"",
            Map.of(
                "returnPath", "bounces@example.com",
                "listUnsubscribe", "<mailto:unsubscribe@example.com>, <https://example.com/u/42>",
                "listUnsubscribeOneClick", "true",
                "tags", "campaign=spring"));
    EmulatedMessage sent = MOTO.message(response.metadata().get("messageId"));
    assertThat(sent.bodyType()).as("List-Unsubscribe goes by SendRawEmail").isEqualTo("raw");
    MimeMessage message =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(sent.body().getBytes(StandardCharsets.UTF_8)));
    assertThat(message.getHeader("Return-Path")).containsExactly("<bounces@example.com>");
    assertThat(
            jakarta.mail.internet.MimeUtility.unfold(message.getHeader("List-Unsubscribe", null)))
        .as("folded where long, one header")
        .isEqualTo("<mailto:unsubscribe@example.com>, <https://example.com/u/42>");
    assertThat(message.getHeader("List-Unsubscribe-Post"))
        .containsExactly("List-Unsubscribe=One-Click");
    assertThat(message.getSubject()).isEqualTo("Spring sale");
    assertThat(((jakarta.mail.Multipart) message.getContent()).getBodyPart(0).getContent())
        .isEqualTo("<p>Sale</p>");
  }

  @Test
  void sendEmailCarriesTagsReturnPathSourceArnAndReturnPathArn() {
    send(
        recorded,
        "\"<p>Sale</p>\"",
        Map.of(
            "tags",
            "campaign=spring;tier=gold",
            "returnPath",
            "bounces@example.com",
            "returnPathArn",
            ARN,
            "sourceArn",
            ARN));
    Map<String, String> form = stub.forms().get(0);
    assertThat(form)
        .containsEntry("Action", "SendEmail")
        .containsEntry("Tags.member.1.Name", "campaign")
        .containsEntry("Tags.member.1.Value", "spring")
        .containsEntry("Tags.member.2.Name", "tier")
        .containsEntry("Tags.member.2.Value", "gold")
        .containsEntry("ReturnPath", "bounces@example.com")
        .containsEntry("ReturnPathArn", ARN)
        .containsEntry("SourceArn", ARN);
  }

  @Test
  void theComponentsTagsGoWhenTheRequestGivesNone() {
    send(recorded, "\"<p>Sale</p>\"", Map.of());
    assertThat(stub.forms().get(0))
        .containsEntry("Tags.member.1.Name", "campaign")
        .containsEntry("Tags.member.1.Value", "spring")
        .doesNotContainKeys("SourceArn", "ReturnPath", "ReturnPathArn");
  }

  @Test
  void sendRawEmailCarriesFromArnSourceArnReturnPathArnAndTags() {
    send(
        recorded,
        "\"<p>Sale</p>\"",
        Map.of(
            "fromArn", FROM_ARN,
            "sourceArn", ARN,
            "returnPathArn", ARN,
            "returnPath", "bounces@example.com"));
    Map<String, String> form = stub.forms().get(0);
    assertThat(form)
        .containsEntry("Action", "SendRawEmail")
        .containsEntry("FromArn", FROM_ARN)
        .containsEntry("SourceArn", ARN)
        .containsEntry("ReturnPathArn", ARN)
        .containsEntry("Tags.member.1.Name", "campaign")
        .doesNotContainKey("ReturnPath");
    String raw =
        new String(
            java.util.Base64.getDecoder().decode(form.get("RawMessage.Data")),
            StandardCharsets.UTF_8);
    assertThat(raw).contains("Return-Path: <bounces@example.com>\r\n");
  }

  @Test
  void sendTemplatedEmailCarriesTagsReturnPathAndArns() {
    send(
        recorded,
        "{\"name\":\"Ana\"}",
        Map.of(
            "template",
            "welcome",
            "returnPath",
            "bounces@example.com",
            "returnPathArn",
            ARN,
            "sourceArn",
            ARN));
    assertThat(stub.forms().get(0))
        .containsEntry("Action", "SendTemplatedEmail")
        .containsEntry("Template", "welcome")
        .containsEntry("Tags.member.1.Value", "spring")
        .containsEntry("ReturnPath", "bounces@example.com")
        .containsEntry("ReturnPathArn", ARN)
        .containsEntry("SourceArn", ARN);
  }
}
