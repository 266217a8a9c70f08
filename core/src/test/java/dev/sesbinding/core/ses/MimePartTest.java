package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.email.Attachment;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.EmailBuilder;
import dev.sesbinding.core.email.MimePart;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The structure the dev inbox shows is the structure SES gets: {@link MimePart#of} read off the
 * email equals the tree of the MIME message {@link RawEmails} builds, shape by shape.
 */
class MimePartTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3};
  private static final Attachment LOGO = new Attachment("logo.png", "image/png", PNG, "logo");
  private static final Attachment PDF =
      new Attachment("invoice.pdf", "application/pdf", new byte[] {'%', 'P'}, "");

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(
            "html and text", (UnaryOperator<EmailBuilder>) b -> b.html("<p>x</p>").text("x")),
        Arguments.of(
            "html with an inline image",
            (UnaryOperator<EmailBuilder>) b -> b.html("<img src=cid:logo>").attach(LOGO)),
        Arguments.of(
            "html, text, inline image, attachment",
            (UnaryOperator<EmailBuilder>)
                b -> b.html("<p>x</p>").text("x").attach(LOGO).attach(PDF)),
        Arguments.of(
            "text with an attachment", (UnaryOperator<EmailBuilder>) b -> b.text("x").attach(PDF)),
        Arguments.of(
            "text with an inline part, which becomes an attachment",
            (UnaryOperator<EmailBuilder>) b -> b.text("x").attach(LOGO)),
        Arguments.of(
            "html with List-Unsubscribe",
            (UnaryOperator<EmailBuilder>)
                b -> b.html("<p>x</p>").listUnsubscribe("https://example.com/u")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void theStructureShownIsTheStructureBuilt(String shape, UnaryOperator<EmailBuilder> parts)
      throws Exception {
    Email email =
        parts.apply(Email.builder().from("a@example.com").to("b@example.com").subject("s")).build();
    MimeMessage built =
        new MimeMessage(
            Session.getInstance(new Properties()), new ByteArrayInputStream(RawEmails.of(email)));
    assertThat(MimePart.of(email)).isEqualTo(tree(built));
  }

  private static MimePart tree(Part part) throws Exception {
    String type = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
    if (!(part.getContent() instanceof Multipart multipart)) {
      String filename = part.getFileName() == null ? "" : part.getFileName();
      return new MimePart(type, filename, List.of());
    }
    List<MimePart> parts = new ArrayList<>();
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart child = multipart.getBodyPart(i);
      parts.add(tree(child));
    }
    return new MimePart(type, "", parts);
  }
}
