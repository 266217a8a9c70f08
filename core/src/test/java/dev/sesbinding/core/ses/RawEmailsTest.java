package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesbinding.core.email.Attachment;
import dev.sesbinding.core.email.ContentType;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.Mailbox;
import dev.sesbinding.core.email.SendOptions;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The raw MIME message, parsed back as a mail client would. */
class RawEmailsTest {
  private static final byte[] PDF =
      "%PDF-1.4 \u0000\u00ff binary".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3};

  private static Email email(String text, List<Attachment> attachments) {
    return new Email(
        new Mailbox("Shop", "shop@example.com"),
        List.of(new Mailbox("Ana Müller", "ana@example.com")),
        List.of(new Mailbox("", "cc@example.com")),
        List.of(new Mailbox("", "secret-bcc@example.com")),
        List.of(new Mailbox("", "reply@example.com")),
        "Grüße",
        "<p>Hello <img src=\"cid:logo\"></p>",
        ContentType.HTML,
        "",
        "",
        "",
        text,
        attachments,
        SendOptions.NONE);
  }

  private static MimeMessage parsed(Email email) throws Exception {
    return new MimeMessage(
        Session.getInstance(new Properties()), new ByteArrayInputStream(RawEmails.of(email)));
  }

  @Test
  void textBesideHtmlWithAnInlineImageAndAnAttachment() throws Exception {
    MimeMessage message =
        parsed(
            email(
                "Hello",
                List.of(
                    new Attachment("report.pdf", "application/pdf", PDF, ""),
                    new Attachment("logo.png", "image/png", PNG, "logo"))));

    assertThat(message.getSubject()).isEqualTo("Grüße");
    assertThat(message.getHeader("To")[0]).contains("ana@example.com");
    assertThat(message.getHeader("Cc")[0]).isEqualTo("cc@example.com");
    assertThat(message.getHeader("Reply-To")[0]).isEqualTo("reply@example.com");
    assertThat(message.getHeader("Bcc")).as("Bcc goes as a destination, not a header").isNull();
    assertThat(message.getContentType()).startsWith("multipart/mixed");
    Multipart mixed = (Multipart) message.getContent();
    assertThat(mixed.getCount()).isEqualTo(2);
    Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
    assertThat(alternative.getContentType()).startsWith("multipart/alternative");
    assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("Hello");
    Multipart related = (Multipart) alternative.getBodyPart(1).getContent();
    assertThat(related.getContentType()).startsWith("multipart/related");
    assertThat(related.getBodyPart(0).getContent())
        .isEqualTo("<p>Hello <img src=\"cid:logo\"></p>");
    BodyPart logo = related.getBodyPart(1);
    assertThat(logo.getHeader("Content-ID")[0]).isEqualTo("<logo>");
    assertThat(logo.getDisposition()).isEqualTo(Part.INLINE);
    assertThat(logo.getInputStream().readAllBytes()).isEqualTo(PNG);
    BodyPart report = mixed.getBodyPart(1);
    assertThat(report.getDisposition()).isEqualTo(Part.ATTACHMENT);
    assertThat(report.getFileName()).isEqualTo("report.pdf");
    assertThat(report.getContentType()).startsWith("application/pdf");
    assertThat(report.getHeader("Content-Transfer-Encoding")[0]).isEqualTo("base64");
    assertThat(report.getInputStream().readAllBytes()).as("base64 round trip").isEqualTo(PDF);
  }

  @Test
  void aFilenameCannotAddAHeaderEvenFromTheJavaApi() {
    // The JSON shape refuses line breaks (StructuredDataTest); so does the value itself.
    assertThatThrownBy(
            () -> new Attachment("a\r\nBcc: victim@example.com.txt", "text/plain", PNG, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("filename holds a line break or another control character");
    assertThatThrownBy(() -> new Attachment("a.png", "image/png\nBcc: v@x", PNG, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nonAsciiFilenamesArriveAsTheyWere() throws Exception {
    MimeMessage message =
        parsed(email("", List.of(new Attachment("Rechnung März.pdf", "application/pdf", PDF, ""))));

    assertThat(((Multipart) message.getContent()).getBodyPart(1).getFileName())
        .isEqualTo("Rechnung März.pdf");
  }
}
