package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesbinding.auth.AwsErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** SES's XML answers read: errors however wrapped, entities never expanded, parsers reused. */
class QueryAnswerTest {

  @Test
  void readsSesErrorAnswer() {
    AwsServiceException error =
        QueryAnswer.error(
            400,
            bytes(
                "<ErrorResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\"><Error>"
                    + "<Type>Sender</Type><Code>MessageRejected</Code>"
                    + "<Message>Email address is not verified: a &amp; b</Message></Error>"
                    + "<RequestId>req-1</RequestId></ErrorResponse>"));

    assertThat(AwsErrors.describe(error))
        .isEqualTo(
            "MessageRejected: Email address is not verified: a & b (status 400, request id req-1)");
    assertThat(SesErrors.isRetryable(error)).isFalse();
  }

  @Test
  void readsMotosErrorsWrapperAndThrottling() {
    AwsServiceException error =
        QueryAnswer.error(
            400,
            bytes(
                "<ErrorResponse><Errors><Error><Code>Throttling</Code>"
                    + "<Message>Maximum sending rate exceeded.</Message></Error></Errors>"
                    + "<RequestId>m</RequestId></ErrorResponse>"));

    assertThat(AwsErrors.code(error)).isEqualTo("Throttling");
    assertThat(SesErrors.isThrottling(error)).isTrue();
    assertThat(SesErrors.isRetryable(error)).isTrue();
  }

  @Test
  void neverExpandsADocumentTypesEntities() {
    byte[] hostile =
        bytes(
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<r><MessageId>&x;</MessageId></r>");

    assertThatThrownBy(() -> QueryAnswer.read(hostile)).isInstanceOf(XMLStreamException.class);
  }

  @Test
  void refusesAnyDocumentTypeEvenWithoutEntities() {
    byte[] typed = bytes("<!DOCTYPE r><r><MessageId>m</MessageId></r>");

    assertThatThrownBy(() -> QueryAnswer.read(typed))
        .isInstanceOf(XMLStreamException.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void namesWhereABodyStopsBeingXml() {
    assertThatThrownBy(() -> QueryAnswer.read(bytes("<r>\n<MessageId>m</r>")))
        .isInstanceOf(XMLStreamException.class)
        .hasMessageStartingWith("ParseError at [row,col]:[2,")
        .hasMessageContaining("MessageId");
  }

  @Test
  void readsWellAfterBodiesThatFailedMidway() throws Exception {
    byte[] good = bytes("<R><MessageId> m-1 </MessageId></R>");
    for (int i = 0; i < 3 * Runtime.getRuntime().availableProcessors(); i++) {
      int cut = i % 20;
      assertThatThrownBy(() -> QueryAnswer.read(Arrays.copyOf(good, cut)))
          .isInstanceOf(XMLStreamException.class);
      assertThat(QueryAnswer.read(good).first("MessageId")).contains("m-1");
    }
  }

  @Test
  void readsAnswersOnManyThreadsAtOnce() throws Exception {
    int threads = 4 * Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> read = new ArrayList<>();
      for (int i = 0; i < threads * 50; i++) {
        String id = "id-" + i;
        read.add(
            pool.submit(
                () ->
                    QueryAnswer.read(bytes("<R><MessageId>" + id + "</MessageId></R>"))
                        .first("MessageId")
                        .orElseThrow()));
      }
      for (int i = 0; i < read.size(); i++) {
        assertThat(read.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("id-" + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void readsEachListEntrysOwnFields() throws Exception {
    QueryAnswer answer =
        QueryAnswer.read(
            bytes(
                "<R><Status><member><Status>Success</Status><MessageId>a</MessageId></member>"
                    + "<member><Error>e</Error></member></Status><RequestId>r</RequestId></R>"));

    assertThat(answer.members()).isEqualTo(2);
    assertThat(answer.inMember(0, "MessageId")).contains("a");
    assertThat(answer.inMember(1, "MessageId")).isEmpty();
    assertThat(answer.inMember(1, "Error")).contains("e");
    assertThat(answer.first("RequestId")).contains("r");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
