package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.email.ContentType;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.Mailbox;
import dev.sesbinding.core.email.SendOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;

/**
 * The SendEmail request core builds: what moto does not store (Reply-To, configuration set,
 * charset) is pinned here.
 */
class SendEmailRequestsTest {
  private static final Mailbox FROM = new Mailbox("Shop", "shop@example.com");

  private static Email email(
      List<Mailbox> cc,
      List<Mailbox> bcc,
      List<Mailbox> replyTo,
      ContentType type,
      String configurationSet) {
    return new Email(
        FROM,
        List.of(new Mailbox("", "to1@example.com"), new Mailbox("", "to2@example.com")),
        cc,
        bcc,
        replyTo,
        "Grüße",
        "<p>héllo</p>",
        type,
        configurationSet,
        "",
        "",
        "",
        List.of(),
        SendOptions.NONE);
  }

  @Test
  void keepsToCcAndBccTogether() {
    SendEmailRequest request =
        SendEmailRequests.of(
            email(
                List.of(new Mailbox("", "cc@example.com")),
                List.of(new Mailbox("", "bcc@example.com")),
                List.of(),
                ContentType.HTML,
                ""));

    assertThat(request.source()).isEqualTo("Shop <shop@example.com>");
    assertThat(request.destination().toAddresses())
        .containsExactly("to1@example.com", "to2@example.com");
    assertThat(request.destination().ccAddresses()).containsExactly("cc@example.com");
    assertThat(request.destination().bccAddresses()).containsExactly("bcc@example.com");
  }

  @Test
  void sendsSubjectAndHtmlBodyInUtf8() {
    SendEmailRequest request =
        SendEmailRequests.of(email(List.of(), List.of(), List.of(), ContentType.HTML, ""));

    assertThat(request.message().subject().data()).isEqualTo("Grüße");
    assertThat(request.message().subject().charset()).isEqualTo("UTF-8");
    assertThat(request.message().body().html().data()).isEqualTo("<p>héllo</p>");
    assertThat(request.message().body().html().charset()).isEqualTo("UTF-8");
    assertThat(request.message().body().text()).isNull();
  }

  @Test
  void textPlainGoesInTheTextPart() {
    SendEmailRequest request =
        SendEmailRequests.of(email(List.of(), List.of(), List.of(), ContentType.TEXT, ""));

    assertThat(request.message().body().text().data()).isEqualTo("<p>héllo</p>");
    assertThat(request.message().body().text().charset()).isEqualTo("UTF-8");
    assertThat(request.message().body().html()).isNull();
  }

  @Test
  void setsReplyToAddresses() {
    SendEmailRequest request =
        SendEmailRequests.of(
            email(
                List.of(),
                List.of(),
                List.of(
                    new Mailbox("", "r1@example.com"), new Mailbox("Help Desk", "r2@example.com")),
                ContentType.HTML,
                ""));

    assertThat(request.replyToAddresses())
        .containsExactly("r1@example.com", "Help Desk <r2@example.com>");
  }

  @Test
  void setsConfigurationSetOnlyWhenGiven() {
    assertThat(
            SendEmailRequests.of(
                    email(List.of(), List.of(), List.of(), ContentType.HTML, "tracking"))
                .configurationSetName())
        .isEqualTo("tracking");
    assertThat(
            SendEmailRequests.of(email(List.of(), List.of(), List.of(), ContentType.HTML, ""))
                .configurationSetName())
        .isNull();
  }

  @Test
  void leavesEmptyListsUnset() {
    SendEmailRequest request =
        SendEmailRequests.of(email(List.of(), List.of(), List.of(), ContentType.HTML, ""));

    assertThat(request.destination().hasCcAddresses()).isFalse();
    assertThat(request.destination().hasBccAddresses()).isFalse();
    assertThat(request.hasReplyToAddresses()).isFalse();
  }
}
