package dev.sesbinding.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.conformance.backend.SesBackend;
import dev.sesbinding.testing.EmulatedMessage;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;

/**
 * The cases of what SES offers beyond one email's content: send options that are headers
 * (Return-Path, one-click List-Unsubscribe), read back from the raw message; and a bulk templated
 * send to three destinations with their own data. Tags and sending ARNs go too, but leave no trace
 * a backend keeps, so here they must only be accepted (the core's recording-stub tests read them).
 */
final class SendOptionCases {
  private static final String IDENTITY_ARN =
      "arn:aws:ses:us-east-1:123456789012:identity/example.com";
  private final ConformanceComponent component;
  private final BindingUnderTest binding;
  private final SesBackend backend;
  private final Function<String, EmulatedMessage> delivered;

  SendOptionCases(
      ConformanceComponent component,
      BindingUnderTest binding,
      SesBackend backend,
      Function<String, EmulatedMessage> delivered) {
    this.component = component;
    this.binding = binding;
    this.backend = backend;
    this.delivered = delivered;
  }

  void headerOptions() throws Exception {
    Map<String, String> metadata = new HashMap<>(component.output());
    String unsubscribe = "https://example.com/unsubscribe/" + UUID.randomUUID();
    metadata.put("returnPath", "bounces@example.com");
    metadata.put("listUnsubscribe", "<mailto:unsubscribe@example.com>, <" + unsubscribe + ">");
    metadata.put("listUnsubscribeOneClick", "true");
    metadata.put("tags", "campaign=conformance");
    // Sent as the SES parameters, which no backend keeps: here each option must only pass every
    // adapter and be accepted (core's recording-stub tests read them back).
    metadata.put("sourceArn", IDENTITY_ARN);
    metadata.put("fromArn", IDENTITY_ARN);
    metadata.put("returnPathArn", IDENTITY_ARN);
    Outcome outcome = binding.invoke("create", "\"<p>Options</p>\"", metadata);
    assertThat(outcome.succeeded())
        .as(
            "create with tags, returnPath, the sending ARNs and one-click List-Unsubscribe: %s",
            outcome.describe())
        .isTrue();
    EmulatedMessage sent = delivered.apply(outcome.messageId());
    Assumptions.assumeTrue(
        sent.bodyType().equals("raw"),
        "backend " + backend.name() + " does not keep raw messages to read back");
    MimeMessage message =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(sent.body().getBytes(StandardCharsets.UTF_8)));
    assertThat(message.getHeader("Return-Path")).containsExactly("<bounces@example.com>");
    assertThat(MimeUtility.unfold(message.getHeader("List-Unsubscribe", null)))
        .isEqualTo("<mailto:unsubscribe@example.com>, <" + unsubscribe + ">");
    assertThat(message.getHeader("List-Unsubscribe-Post"))
        .containsExactly("List-Unsubscribe=One-Click");
  }

  void bulkTemplated() throws Exception {
    String name = "conformance-bulk-" + UUID.randomUUID();
    Assumptions.assumeTrue(
        backend.createTemplate(name, "Order {{order}}", "<p>Hello {{name}}</p>"),
        "backend " + backend.name() + " cannot create a template for the suite");
    String data =
        "{\"template\":\""
            + name
            + "\",\"templateData\":{\"order\":\"7\"},\"destinations\":["
            + "{\"emailTo\":\"ana@example.com\",\"templateData\":{\"name\":\"Ana\",\"order\":\"1\"}},"
            + "{\"emailTo\":\"bo@example.com\",\"emailCc\":\"cc@example.com\","
            + "\"templateData\":{\"name\":\"Bo\",\"order\":\"2\"}},"
            + "{\"emailTo\":\"cy@example.com\",\"templateData\":{\"name\":\"Cy\",\"order\":\"3\"}}]}";
    Outcome outcome = binding.invoke("create", data, component.output());
    assertThat(outcome.succeeded()).as("a bulk send: %s", outcome.describe()).isTrue();
    assertThat(outcome.metadata())
        .as("the counts in the answer's metadata")
        .containsEntry("sent", "3")
        .containsEntry("failed", "0");
    Assumptions.assumeTrue(
        backend.canReadBack(), "backend " + backend.name() + " cannot read messages back");
    List<EmulatedMessage> kept = backend.deliveredFromTemplate(name);
    assertThat(kept).as("one message per destination, in order").hasSize(3);
    assertThat(kept.get(0).to()).containsExactly("ana@example.com");
    assertThat(kept.get(0).body()).contains("\"Ana\"");
    assertThat(kept.get(1).to()).containsExactly("bo@example.com");
    assertThat(kept.get(1).cc()).containsExactly("cc@example.com");
    assertThat(kept.get(1).body()).contains("\"Bo\"");
    assertThat(kept.get(2).to()).containsExactly("cy@example.com");
    assertThat(kept.get(2).body()).contains("\"Cy\"");
  }
}
