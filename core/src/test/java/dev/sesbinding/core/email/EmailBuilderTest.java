package dev.sesbinding.core.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmailBuilderTest {

  @Test
  void namedPartsMakeTheEmailTheJsonPathWouldMake() {
    Email email =
        Email.builder()
            .from("Shop <noreply@example.com>")
            .to("ana@example.com", "Ben <ben@example.com>")
            .bcc(new Mailbox("", "audit@example.com"))
            .subject("Invoice 42")
            .html("<p>Your invoice</p>")
            .text("Your invoice")
            .attach("invoice.pdf", "application/pdf", new byte[] {1, 2, 3})
            .build();

    assertThat(email.from()).isEqualTo(new Mailbox("Shop", "noreply@example.com"));
    assertThat(email.to())
        .extracting(Mailbox::address)
        .containsExactly("ana@example.com", "ben@example.com");
    assertThat(email.bcc()).hasSize(1);
    assertThat(email.body()).isEqualTo("<p>Your invoice</p>");
    assertThat(email.contentType()).isEqualTo(ContentType.HTML);
    assertThat(email.text()).isEqualTo("Your invoice");
    assertThat(email.attachments()).singleElement().extracting(Attachment::size).isEqualTo(3);
    assertThat(email.isRaw()).isTrue();
  }

  @Test
  void aTextOnlyEmailIsPlainTextAndATemplateNeedsNoSubject() {
    Email text =
        Email.builder().from("a@example.com").to("b@example.com").subject("s").text("hi").build();
    Email templated =
        Email.builder()
            .from("a@example.com")
            .to("b@example.com")
            .template("order-shipped", "{\"order\":\"42\"}")
            .build();

    assertThat(text.contentType()).isEqualTo(ContentType.TEXT);
    assertThat(text.body()).isEqualTo("hi");
    assertThat(templated.isTemplated()).isTrue();
  }

  @Test
  void whatTheJsonPathRefusesIsRefusedNamingTheField() {
    assertThatThrownBy(() -> Email.builder().to("b@example.com").subject("s").build())
        .hasMessage(
            "SES binding error: emailFrom property not supplied in configuration- or"
                + " request-metadata");
    assertThatThrownBy(() -> Email.builder().from("a@example.com").to("not an address"))
        .hasMessageStartingWith("SES binding error: emailTo \"not an address\" is not a valid");
    assertThatThrownBy(() -> Email.builder().from("a@example.com").subject("s").build())
        .hasMessageContaining("emailTo property not supplied");
  }
}
