package dev.sesbinding.core.ses;

import static dev.sesbinding.core.ses.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.Metadata;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.EmailBuilder;
import dev.sesbinding.core.email.SendOptions;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ses.model.MessageTag;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;
import software.amazon.awssdk.services.ses.model.SendRawEmailRequest;
import software.amazon.awssdk.services.ses.model.SendTemplatedEmailRequest;

/**
 * Send options (tags, return path, authorisation ARNs, List-Unsubscribe) from metadata and from the
 * typed API: the same email, the same refusals in the same words, and each option in the SES
 * request that carries it.
 */
class SendOptionsTest {
  private static final String ARN = "arn:aws:ses:us-east-1:123456789012:identity/example.com";

  private static Email viaJson(Map<String, String> metadata) {
    return viaJson(metadata, "\"<p>Hi</p>\"");
  }

  private static Email viaJson(Map<String, String> metadata, String data) {
    Map<String, String> all = new HashMap<>(Map.of("emailTo", "ana@example.com", "subject", "Hi"));
    all.putAll(metadata);
    return new EmailComposer(Metadata.of(Map.of("emailFrom", "shop@example.com")))
        .compose(InvokeRequest.of("create", data.getBytes(StandardCharsets.UTF_8), all));
  }

  private static Email typed(Consumer<EmailBuilder> options) {
    EmailBuilder builder =
        Email.builder()
            .from("shop@example.com")
            .to("ana@example.com")
            .subject("Hi")
            .html("<p>Hi</p>");
    options.accept(builder);
    return builder.build();
  }

  @Test
  void metadataAndTheBuilderGiveTheSameOptions() {
    Email json =
        viaJson(
            Map.of(
                "tags", " campaign=spring ; tier=gold",
                "returnPath", "bounces@example.com",
                "returnPathArn", ARN,
                "sourceArn", ARN,
                "fromArn", ARN,
                "listUnsubscribe", "<mailto:u@example.com>, <https://example.com/u?id=1>",
                "listUnsubscribeOneClick", "true"));
    Email built =
        typed(
            b ->
                b.tag("campaign", "spring")
                    .tag("tier", "gold")
                    .returnPath("bounces@example.com")
                    .returnPathArn(ARN)
                    .sourceArn(ARN)
                    .fromArn(ARN)
                    .listUnsubscribe("mailto:u@example.com", "https://example.com/u?id=1")
                    .listUnsubscribeOneClick(true));
    assertThat(json.options()).isEqualTo(built.options());
    assertThat(json.isRaw()).as("List-Unsubscribe and FromArn need a raw message").isTrue();
  }

  @Test
  void noOptionKeysGiveNone() {
    assertThat(viaJson(Map.of()).options()).isSameAs(SendOptions.NONE);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "tags|bad name=x",
        "tags|a=b;a=c",
        "tags|a=sp ace",
        "returnPath|Bounces <b@example.com>",
        "returnPath|not an address",
        "returnPathArn|arn:aws:iam::123456789012:role/x",
        "sourceArn|example.com",
        "fromArn|arn:aws:ses:us-east-1:12345:identity/example.com",
        "listUnsubscribe|ftp://example.com/u",
        "listUnsubscribe|https://example.com/u Bcc:evil@example.com",
        "listUnsubscribe|https://example.com/ü",
        "listUnsubscribeOneClick|perhaps",
      })
  void aBadOptionIsRefusedNamingItsKeyTheSameOnBothPaths(String key, String value) {
    String json = refusal(() -> viaJson(Map.of(key, value)));
    assertThat(json).startsWith("SES binding error: " + key);
    String typed =
        refusal(
            () ->
                typed(
                    b -> {
                      switch (key) {
                        case "tags" -> {
                          for (String entry : value.split(";", -1)) {
                            String[] parts = entry.split("=", 2);
                            b.tag(parts[0].strip(), parts[1].strip());
                          }
                        }
                        case "returnPath" -> b.returnPath(value);
                        case "returnPathArn" -> b.returnPathArn(value);
                        case "sourceArn" -> b.sourceArn(value);
                        case "fromArn" -> b.fromArn(value);
                        case "listUnsubscribe" -> b.listUnsubscribe(value);
                        default ->
                            throw new dev.sesbinding.core.email.InvalidField(
                                key, value, "is neither true nor false");
                      }
                    }));
    assertThat(typed).isEqualTo(json);
  }

  @Test
  void aTagWithoutAValueIsRefused() {
    assertThat(refusal(() -> viaJson(Map.of("tags", "campaign"))))
        .isEqualTo(
            "SES binding error: tags \"campaign\" is not name=value (tags are"
                + " name=value;name=value)");
  }

  @Test
  void aLineBreakInAnUnsubscribeUriCannotAddAHeader() {
    String uri = "https://example.com/u\r\nBcc: evil@example.com";
    String json = refusal(() -> viaJson(Map.of("listUnsubscribe", uri)));
    assertThat(json)
        .startsWith("SES binding error: listUnsubscribe \"https://example.com/u\\r\\nBcc")
        .isEqualTo(refusal(() -> typed(b -> b.listUnsubscribe(uri))));
  }

  @Test
  void oneClickWithoutAnHttpsUriIsRefused() {
    String json =
        refusal(
            () ->
                viaJson(
                    Map.of(
                        "listUnsubscribe", "mailto:u@example.com",
                        "listUnsubscribeOneClick", "yes")));
    assertThat(json).contains("listUnsubscribeOneClick needs an https: URI");
    assertThat(
            refusal(
                () ->
                    typed(
                        b ->
                            b.listUnsubscribe("mailto:u@example.com")
                                .listUnsubscribeOneClick(true))))
        .isEqualTo(json);
  }

  @Test
  void moreThanFiftyTagsAreRefused() {
    StringBuilder tags = new StringBuilder();
    for (int i = 0; i <= 50; i++) {
      tags.append("t").append(i).append("=v;");
    }
    assertThat(refusal(() -> viaJson(Map.of("tags", tags.toString()))))
        .contains("has 51 tags; SES accepts at most 50");
  }

  @Test
  void aTemplateRefusesHeadersItCannotCarry() {
    assertThat(
            refusal(
                () ->
                    viaJson(
                        Map.of(
                            "template", "welcome",
                            "listUnsubscribe", "https://example.com/u"),
                        "{\"name\":\"Ana\"}")))
        .contains("listUnsubscribe cannot go with a template");
    assertThat(refusal(() -> typed(b -> b.template("welcome", "{}").fromArn(ARN))))
        .contains("fromArn cannot go with a template");
  }

  @Test
  void aComponentsBadOptionFailsInitNamingTheKey() {
    assertThat(
            refusal(
                () ->
                    new EmailComposer(
                        Metadata.of(Map.of("emailFrom", "shop@example.com", "sourceArn", "nope")))))
        .startsWith("SES binding error: sourceArn \"nope\"");
  }

  @Test
  void aRequestKeyOverridesTheComponentsOptions() {
    EmailComposer composer =
        new EmailComposer(
            Metadata.of(
                Map.of(
                    "emailFrom", "shop@example.com", "tags", "campaign=spring", "sourceArn", ARN)));
    Map<String, String> request = Map.of("emailTo", "a@example.com", "subject", "Hi");
    assertThat(
            composer
                .compose(
                    InvokeRequest.of("create", "\"x\"".getBytes(StandardCharsets.UTF_8), request))
                .options()
                .tags())
        .extracting(dev.sesbinding.core.email.MessageTag::value)
        .containsExactly("spring");
    Map<String, String> cleared = new HashMap<>(request);
    cleared.put("TAGS", "campaign=autumn");
    Email email =
        composer.compose(
            InvokeRequest.of("create", "\"x\"".getBytes(StandardCharsets.UTF_8), cleared));
    assertThat(email.options().tags())
        .extracting(dev.sesbinding.core.email.MessageTag::value)
        .containsExactly("autumn");
    assertThat(email.options().sourceArn()).isEqualTo(ARN);
  }

  @Test
  void sendEmailCarriesTagsReturnPathAndArns() {
    SendEmailRequest request =
        SendEmailRequests.of(
            typed(
                b ->
                    b.tag("campaign", "spring")
                        .returnPath("bounces@example.com")
                        .returnPathArn(ARN)
                        .sourceArn(ARN)));
    assertThat(request.tags())
        .containsExactly(MessageTag.builder().name("campaign").value("spring").build());
    assertThat(request.returnPath()).isEqualTo("bounces@example.com");
    assertThat(request.returnPathArn()).isEqualTo(ARN);
    assertThat(request.sourceArn()).isEqualTo(ARN);
  }

  @Test
  void sendTemplatedEmailCarriesTagsReturnPathAndArns() {
    SendTemplatedEmailRequest request =
        SendEmailRequests.templated(
            typed(
                b ->
                    b.template("welcome", "{}")
                        .subject("")
                        .tag("campaign", "spring")
                        .returnPath("bounces@example.com")
                        .returnPathArn(ARN)
                        .sourceArn(ARN)));
    assertThat(request.tags()).hasSize(1);
    assertThat(request.returnPath()).isEqualTo("bounces@example.com");
    assertThat(request.returnPathArn()).isEqualTo(ARN);
    assertThat(request.sourceArn()).isEqualTo(ARN);
  }

  @Test
  void aRawMessageCarriesTheHeadersAndTheRequestTheArns() throws Exception {
    SendRawEmailRequest request =
        SendEmailRequests.raw(
            typed(
                b ->
                    b.tag("campaign", "spring")
                        .returnPath("bounces@example.com")
                        .returnPathArn(ARN)
                        .sourceArn(ARN)
                        .fromArn(ARN)
                        .listUnsubscribe("mailto:u@example.com", "https://example.com/u?id=1")
                        .listUnsubscribeOneClick(true)));
    assertThat(request.tags()).hasSize(1);
    assertThat(request.returnPathArn()).isEqualTo(ARN);
    assertThat(request.sourceArn()).isEqualTo(ARN);
    assertThat(request.fromArn()).isEqualTo(ARN);
    MimeMessage message =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(request.rawMessage().data().asByteArray()));
    assertThat(message.getHeader("Return-Path")).containsExactly("<bounces@example.com>");
    assertThat(message.getHeader("List-Unsubscribe", null))
        .isEqualTo("<mailto:u@example.com>, <https://example.com/u?id=1>");
    assertThat(message.getHeader("List-Unsubscribe-Post"))
        .containsExactly("List-Unsubscribe=One-Click");
  }

  @Test
  void withoutOneClickThereIsNoPostHeader() throws Exception {
    SendRawEmailRequest request =
        SendEmailRequests.raw(typed(b -> b.listUnsubscribe("https://example.com/u")));
    MimeMessage message =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(request.rawMessage().data().asByteArray()));
    assertThat(message.getHeader("List-Unsubscribe")).containsExactly("<https://example.com/u>");
    assertThat(message.getHeader("List-Unsubscribe-Post")).isNull();
  }

  @Test
  void toStringShowsCountsNotValues() {
    assertThat(typed(b -> b.tag("campaign", "spring").listUnsubscribe("https://example.com/u")))
        .hasToString(
            "Email[to=1, cc=0, bcc=0, replyTo=0, subject=2 chars, body=9 chars, text/html, tags=1,"
                + " listUnsubscribe]");
  }

  @Test
  void optionsToStringShowsNoAddressOrUri() {
    SendOptions options =
        typed(
                b ->
                    b.returnPath("bounces@example.com")
                        .listUnsubscribe("https://example.com/u?who=ana%40example.com")
                        .listUnsubscribeOneClick(true))
            .options();
    assertThat(options.toString())
        .isEqualTo("SendOptions[tags=0, returnPath, listUnsubscribe=1 one-click]")
        .doesNotContain("bounces@")
        .doesNotContain("ana");
  }
}
