package dev.sesbinding.core.ses;

import static dev.sesbinding.core.ses.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.Metadata;
import dev.sesbinding.core.email.Attachment;
import dev.sesbinding.core.email.ContentType;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.InvalidField;
import dev.sesbinding.core.email.Mailbox;
import dev.sesbinding.core.email.SendOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The typed API refuses what the JSON path refuses, with the same words: the rules live in the
 * values ({@code Email}, {@code Mailbox}, {@code Attachment}), so no {@code Email} that SES or the
 * JSON path would refuse can be built, let alone sent.
 */
class TypedEmailRulesTest {
  private static final Mailbox FROM = Mailbox.parse("emailFrom", "shop@example.com");
  private static final List<Mailbox> TO = List.of(Mailbox.parse("emailTo", "ana@example.com"));

  private static Email typed(List<Mailbox> to, String subject, List<Attachment> attachments) {
    return new Email(
        FROM,
        to,
        List.of(),
        List.of(),
        List.of(),
        subject,
        "<p>Hi</p>",
        ContentType.HTML,
        "",
        "",
        "",
        "",
        attachments,
        SendOptions.NONE);
  }

  private static Email viaJson(Map<String, String> metadata, String data) {
    return new EmailComposer(Metadata.of(Map.of("emailFrom", "shop@example.com")))
        .compose(InvokeRequest.of("create", data.getBytes(StandardCharsets.UTF_8), metadata));
  }

  @Test
  void anEmptyToListIsRefusedAsTheJsonPathRefusesAMissingEmailTo() {
    assertThat(refusal(() -> typed(List.of(), "Hi", List.of())))
        .isEqualTo(refusal(() -> viaJson(Map.of("subject", "Hi"), "\"<p>Hi</p>\"")))
        .isEqualTo(
            "SES binding error: emailTo property not supplied in configuration- or"
                + " request-metadata");
  }

  @Test
  void anEmptySubjectIsRefusedUnlessATemplateGivesOne() {
    assertThat(refusal(() -> typed(TO, "", List.of())))
        .isEqualTo(refusal(() -> viaJson(Map.of("emailTo", "ana@example.com"), "\"x\"")));
  }

  @Test
  void aSubjectThatWouldInjectAHeaderIsRefusedWithTheSameWords() {
    String subject = "Hi\r\nBcc: evil@x.com";
    assertThat(refusal(() -> typed(TO, subject, List.of())))
        .isEqualTo(
            refusal(
                () -> viaJson(Map.of("emailTo", "ana@example.com", "subject", subject), "\"x\"")))
        .contains("line break");
    assertThat(refusal(() -> typed(TO, "Hi\u0007", List.of()))).contains("control character");
  }

  @Test
  void anAttachmentSesWouldRefuseCannotBeMade() {
    String json =
        "{\"html\":\"<p>Hi</p>\",\"attachments\":[{\"filename\":\"setup.exe\","
            + "\"contentType\":\"application/octet-stream\",\"content\":\"AA==\"}]}";
    String typed =
        refusal(() -> new Attachment("setup.exe", "application/octet-stream", new byte[1], ""));

    assertThat(typed).endsWith("SES does not send .exe files");
    assertThat(refusal(() -> viaJson(Map.of("emailTo", "a@example.com", "subject", "s"), json)))
        .endsWith("SES does not send .exe files");
    assertThat(refusal(() -> new Attachment("a.eml", "message/rfc822", new byte[1], "")))
        .contains("is MIME structure");
  }

  @Test
  void aMailboxThatIsNoAddressCannotBeMade() {
    assertThat(refusal(() -> new Mailbox("", "not an address")))
        .isEqualTo(
            new InvalidField(
                    "mailbox",
                    "not an address",
                    "is not a valid email address (expected a@b.c or Name <a@b.c>)")
                .getMessage());
    assertThat(refusal(() -> new Mailbox("Ana\nBcc: x", "ana@example.com")))
        .contains("control character");
    assertThat(new Mailbox("", "ana@bücher.de").address()).isEqualTo("ana@xn--bcher-kva.de");
  }

  @Test
  void moreThanFiftyRecipientsOrTenMegabytesAreRefusedAtConstruction() {
    List<Mailbox> many = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      many.add(new Mailbox("", "r" + i + "@example.com"));
    }
    assertThat(refusal(() -> typed(many, "Hi", List.of()))).contains("SES accepts at most 50");
    assertThat(
            refusal(
                () ->
                    typed(
                        TO,
                        "Hi",
                        List.of(
                            new Attachment(
                                "big.pdf", "application/pdf", new byte[8 * 1024 * 1024], "")))))
        .contains("over the SES limit");
  }

  @Test
  void aBadConfigurationSetOrTemplateNameIsRefused() {
    assertThatThrownBy(
            () ->
                new Email(
                    FROM,
                    TO,
                    List.of(),
                    List.of(),
                    List.of(),
                    "Hi",
                    "b",
                    ContentType.HTML,
                    "bad name",
                    "",
                    "",
                    "",
                    List.of(),
                    SendOptions.NONE))
        .hasMessageContaining("configurationSet \"bad name\" is not a valid SES configuration set");
    assertThatThrownBy(
            () ->
                new Email(
                    FROM,
                    TO,
                    List.of(),
                    List.of(),
                    List.of(),
                    "",
                    "",
                    ContentType.HTML,
                    "",
                    "tpl\n",
                    "{}",
                    "",
                    List.of(),
                    SendOptions.NONE))
        .hasMessageContaining("template \"tpl\\n\" is not a valid SES template name");
  }
}
