package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.email.Attachment;
import dev.sesbinding.core.email.ContentType;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.Mailbox;
import dev.sesbinding.core.email.SendOptions;
import dev.sesbinding.testing.EmulatedMessage;
import dev.sesbinding.testing.MotoServer;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code data} as a JSON object through SES {@code SendRawEmail} against moto: text beside HTML,
 * two attachments (one inline by {@code contentId}), every recipient kept; the raw message read
 * back from moto and parsed.
 */
class SesRawEmailMotoIT {
  @RegisterExtension static final MotoServer MOTO = MotoServer.create();
  private static final String SENDER = "sender@example.com";
  private static final byte[] PDF = "%PDF-1.4 report \u00e9".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
  private static SesBinding binding;

  @BeforeAll
  static void start() throws Exception {
    binding = EmulatorBindings.sendingTo(MOTO, SENDER);
  }

  @AfterAll
  static void close() {
    if (binding != null) {
      binding.close();
    }
  }

  private static EmulatedMessage send(String data) {
    InvokeResponse response =
        binding
            .invoke(
                InvokeRequest.of(
                    "create",
                    data.getBytes(StandardCharsets.UTF_8),
                    Map.of(
                        "emailTo", "ana@example.com",
                        "emailCc", "cc@example.com",
                        "emailBcc", "bcc@example.com",
                        "subject", "Your invoice")))
            .toCompletableFuture()
            .join();
    return MOTO.message(response.metadata().get("messageId"));
  }

  private static MimeMessage parsed(EmulatedMessage sent) throws Exception {
    return new MimeMessage(
        Session.getInstance(new Properties()),
        new ByteArrayInputStream(sent.body().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void htmlTextAndTwoAttachmentsArriveWithEveryRecipient() throws Exception {
    EmulatedMessage sent =
        send(
            "{\"html\":\"<p>Invoice attached <img src=\\\"cid:logo\\\"></p>\",\"text\":\"Invoice"
                + " attached\",\"attachments\":[{\"filename\":\"invoice.pdf\",\"contentType\":"
                + "\"application/pdf\",\"content\":\""
                + Base64.getEncoder().encodeToString(PDF)
                + "\"},{\"filename\":\"logo.png\",\"contentType\":\"image/png\",\"content\":\""
                + Base64.getEncoder().encodeToString(PNG)
                + "\",\"contentId\":\"logo\"}]}");

    assertThat(sent.bodyType()).isEqualTo("raw");
    assertThat(sent.source()).isEqualTo(SENDER);
    // moto lists the destinations given, then adds the headers' recipients again.
    assertThat(sent.to().stream().distinct())
        .as("every destination, Bcc too")
        .containsExactly("ana@example.com", "cc@example.com", "bcc@example.com");
    MimeMessage message = parsed(sent);
    assertThat(message.getSubject()).isEqualTo("Your invoice");
    assertThat(message.getHeader("Bcc")).isNull();
    Multipart mixed = (Multipart) message.getContent();
    Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
    assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("Invoice attached");
    Multipart related = (Multipart) alternative.getBodyPart(1).getContent();
    assertThat(related.getBodyPart(1).getHeader("Content-ID")[0]).isEqualTo("<logo>");
    assertThat(related.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(PNG);
    assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("invoice.pdf");
    assertThat(mixed.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(PDF);
  }

  @Test
  void htmlWithTextAloneIsMultipartAlternative() throws Exception {
    EmulatedMessage sent = send("{\"html\":\"<b>Hi</b>\",\"text\":\"Hi\"}");
    MimeMessage message = parsed(sent);

    assertThat(sent.to().stream().distinct())
        .containsExactly("ana@example.com", "cc@example.com", "bcc@example.com");
    assertThat(message.getHeader("Cc")[0]).isEqualTo("cc@example.com");
    assertThat(message.getContentType()).startsWith("multipart/alternative");
    Multipart alternative = (Multipart) message.getContent();
    assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("Hi");
    assertThat(alternative.getBodyPart(1).getContent()).isEqualTo("<b>Hi</b>");
  }

  @Test
  void textAloneIsAnOrdinaryEmail() {
    EmulatedMessage sent = send("{\"text\":\"Just text\"}");

    assertThat(sent.bodyType()).isNotEqualTo("raw");
    assertThat(sent.body()).isEqualTo("Just text");
    assertThat(sent.bcc()).containsExactly("bcc@example.com");
  }

  @Test
  void aJavaCallerSendsTheSameEmailAsTypedValues() throws Exception {
    Email email =
        new Email(
            Mailbox.parse("emailFrom", SENDER),
            List.of(Mailbox.parse("emailTo", "ana@example.com")),
            List.of(),
            List.of(Mailbox.parse("emailBcc", "bcc@example.com")),
            List.of(),
            "Typed",
            "<p>Typed</p>",
            ContentType.HTML,
            "",
            "",
            "",
            "Typed",
            List.of(new Attachment("notes.txt", "text/plain", PDF, "")),
            SendOptions.NONE);

    String messageId = binding.send(email).toCompletableFuture().get(30, TimeUnit.SECONDS);

    MimeMessage message = parsed(MOTO.message(messageId));
    assertThat(message.getSubject()).isEqualTo("Typed");
    assertThat(((Multipart) message.getContent()).getBodyPart(1).getFileName())
        .isEqualTo("notes.txt");
  }
}
