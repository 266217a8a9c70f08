package dev.sesbinding.core.ses;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.ses.model.SesException;

/**
 * The text elements of an SES Query answer, in document order, each with the {@code member} it is
 * in: enough to read a message id, a bulk send's statuses, a send quota, or an error's code,
 * message and request id, whatever wraps them ({@code <ErrorResponse>}, moto's extra {@code
 * <Errors>}). No DTD, no entities: the body is data, never instructions.
 */
final class QueryAnswer {
  private static final XMLInputFactory XML = secureFactory();

  /** One element holding only text; {@code member} counts the list entries before it, or -1. */
  record Text(String name, String text, int member) {}

  private final List<Text> texts;

  private QueryAnswer(List<Text> texts) {
    this.texts = texts;
  }

  /** Fails with {@link XMLStreamException} when the body is not well-formed XML. */
  static QueryAnswer read(byte[] body) throws XMLStreamException {
    XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(body));
    try {
      List<Text> texts = new ArrayList<>();
      int members = 0;
      int openMembers = 0;
      StringBuilder text = new StringBuilder();
      boolean leaf = false;
      while (reader.hasNext()) {
        switch (reader.next()) {
          case XMLStreamConstants.START_ELEMENT -> {
            if ("member".equals(reader.getLocalName())) {
              members++;
              openMembers++;
            }
            text.setLength(0);
            leaf = true;
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA ->
              text.append(reader.getText());
          case XMLStreamConstants.END_ELEMENT -> {
            String name = reader.getLocalName();
            if (leaf) {
              texts.add(
                  new Text(name, text.toString().strip(), openMembers > 0 ? members - 1 : -1));
            }
            if ("member".equals(name)) {
              openMembers--;
            }
            leaf = false;
          }
          default -> {
            // comments, processing instructions, the document's end
          }
        }
      }
      return new QueryAnswer(texts);
    } finally {
      reader.close();
    }
  }

  /**
   * SES's error answer as the SDK would have made it, so that {@link SesErrors}' one table maps
   * both transports: the code, message and request id from its XML, else (not XML) {@code
   * HTTP<status>} and the raw body.
   */
  static AwsServiceException error(int status, byte[] body) {
    AwsErrorDetails.Builder details =
        AwsErrorDetails.builder()
            .serviceName("Ses")
            .rawResponse(SdkBytes.fromByteArrayUnsafe(body))
            .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build());
    String requestId = null;
    try {
      QueryAnswer answer = read(body);
      answer.first("Code").ifPresent(details::errorCode);
      answer.first("Message").ifPresent(details::errorMessage);
      requestId = answer.first("RequestId").orElse(null);
    } catch (XMLStreamException e) {
      // not XML: AwsErrors falls back to HTTP<status> and the raw body
    }
    AwsErrorDetails built = details.build();
    return SesException.builder()
        .statusCode(status)
        .requestId(requestId)
        .message(built.errorMessage())
        .awsErrorDetails(built)
        .build();
  }

  /** The text of the first element named {@code name}. */
  Optional<String> first(String name) {
    for (Text text : texts) {
      if (text.name().equals(name)) {
        return Optional.of(text.text());
      }
    }
    return Optional.empty();
  }

  /** The text of the element named {@code name} in list entry {@code member}. */
  Optional<String> inMember(int member, String name) {
    for (Text text : texts) {
      if (text.member() == member && text.name().equals(name)) {
        return Optional.of(text.text());
      }
    }
    return Optional.empty();
  }

  /** How many list entries the answer has. */
  int members() {
    int count = 0;
    for (Text text : texts) {
      count = Math.max(count, text.member() + 1);
    }
    return count;
  }

  private static XMLInputFactory secureFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }
}
