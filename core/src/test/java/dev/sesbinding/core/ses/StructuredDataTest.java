package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesbinding.core.BindingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code data} as a JSON object: what it describes, and every bad shape named. */
class StructuredDataTest {
  private static final String PDF =
      Base64.getEncoder().encodeToString("%PDF-1.4 fake".getBytes(StandardCharsets.US_ASCII));

  private static byte[] bytes(String data) {
    return data.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aJsonStringOrOtherDataIsNotStructured() {
    assertThat(StructuredData.of(bytes("\"<p>Hi</p>\""))).isEmpty();
    assertThat(StructuredData.of(bytes("[1,2]"))).isEmpty();
    assertThat(StructuredData.of(bytes("{not json"))).isEmpty();
    assertThat(StructuredData.of(bytes("{\"a\":1}")))
        .as("no field of ours: Dapr's answer")
        .isEmpty();
  }

  @Test
  void htmlTextAndAttachmentsAreRead() {
    StructuredData data =
        StructuredData.of(
                bytes(
                    "{\"html\":\"<p>Hi</p>\",\"text\":\"Hi\",\"attachments\":[{\"filename\":\"r.pdf\","
                        + "\"contentType\":\"application/pdf\",\"content\":\""
                        + PDF
                        + "\"},{\"filename\":\"logo.png\",\"contentType\":\"image/png\",\"content\":\"iVBORw0KGgo=\","
                        + "\"contentId\":\"logo\"}]}"))
            .orElseThrow();

    assertThat(data.html()).isEqualTo("<p>Hi</p>");
    assertThat(data.text()).isEqualTo("Hi");
    assertThat(data.attachments()).hasSize(2);
    assertThat(new String(data.attachments().get(0).content(), StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-1.4 fake");
    assertThat(data.attachments().get(1).isInline()).isTrue();
    assertThat(data.attachments().get(0).contentType()).isEqualTo("application/pdf");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no part | {\"attachments\":[]} | give html, text or both",
        "unknown field beside ours | {\"html\":\"x\",\"body\":\"y\"} | unknown field \"body\" (use html, text, attachments)",
        "html not a string | {\"html\":1} | html must be a string",
        "attachments not an array | {\"html\":\"x\",\"attachments\":{}} | attachments must be an array",
        "no filename | {\"html\":\"x\",\"attachments\":[{\"content\":\"eA==\"}]} | attachment 1: filename is missing",
        "not base64 | {\"html\":\"x\",\"attachments\":[{\"filename\":\"a.txt\",\"content\":\"***\"}]} | attachment 1 (a.txt): content is not base64",
        "no content | {\"html\":\"x\",\"attachments\":[{\"filename\":\"a.txt\"}]} | attachment 1 (a.txt): content (base64) is missing",
        "exe | {\"html\":\"x\",\"attachments\":[{\"filename\":\"setup.EXE\",\"content\":\"eA==\"}]} | attachment 1 (setup.EXE): SES does not send .exe files",
        "bad type | {\"html\":\"x\",\"attachments\":[{\"filename\":\"a.txt\",\"contentType\":\"text\",\"content\":\"eA==\"}]} | attachment 1 (a.txt): contentType \"text\" is not a MIME type such as application/pdf",
        "line break in filename | {\"html\":\"x\",\"attachments\":[{\"filename\":\"a.txt\\r\\nBcc: v@x.com\",\"content\":\"eA==\"}]} | attachment 1 (a.txt??Bcc: v@x.com): the filename has a line break",
        "bad content id | {\"html\":\"x\",\"attachments\":[{\"filename\":\"a.png\",\"content\":\"eA==\",\"contentId\":\"<x>\"}]} | attachment 1 (a.png): contentId has",
        "same content id twice | {\"html\":\"x\",\"attachments\":[{\"filename\":\"a.png\",\"content\":\"eA==\",\"contentId\":\"logo\"},{\"filename\":\"b.png\",\"content\":\"eA==\",\"contentId\":\"logo\"}]} | attachment 2: contentId \"logo\" is attachment 1's too",
        "a message as an attachment | {\"html\":\"x\",\"attachments\":[{\"filename\":\"m.eml\",\"contentType\":\"message/rfc822\",\"content\":\"eA==\"}]} | attachment 1 (m.eml): contentType message/rfc822 is MIME structure, not an attachment's bytes",
        "a multipart as an attachment | {\"html\":\"x\",\"attachments\":[{\"filename\":\"r.bin\",\"contentType\":\"multipart/related\",\"content\":\"eA==\"}]} | attachment 1 (r.bin): contentType multipart/related is MIME structure"
      })
  void aBadShapeIsTheCallersToFixNamed(String what, String data, String problem) {
    assertThatThrownBy(() -> StructuredData.of(bytes(data)))
        .isInstanceOfSatisfying(
            BindingException.class,
            refused -> assertThat(refused.kind()).isEqualTo(BindingException.Kind.CALLER))
        .hasMessageStartingWith("SES binding error. data: " + problem);
  }
}
