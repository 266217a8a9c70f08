package dev.sesbinding.core.ses;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;
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
  /**
   * Parsers kept for reuse: reading SES's SendEmail answer allocates 2.6 KB with a reused SAX
   * parser against 14.6 KB with a new StAX reader, and takes 60% of the time. Each is used by one
   * thread at a time; the pool holds at most {@link #POOLED}, so a burst on many threads leaves no
   * more behind.
   */
  private static final int POOLED = 2 * Runtime.getRuntime().availableProcessors();

  private static final BlockingQueue<SAXParser> PARSERS = new ArrayBlockingQueue<>(POOLED);

  /** One element holding only text; {@code member} counts the list entries before it, or -1. */
  record Text(String name, String text, int member) {}

  private final List<Text> texts;

  private QueryAnswer(List<Text> texts) {
    this.texts = texts;
  }

  /**
   * Fails with {@link XMLStreamException} when the body is not well-formed XML, or has a document
   * type.
   */
  static QueryAnswer read(byte[] body) throws XMLStreamException {
    SAXParser parser = PARSERS.poll();
    if (parser == null) {
      parser = newParser();
    }
    Texts texts = new Texts();
    try {
      parser.parse(new ByteArrayInputStream(body), texts);
    } catch (SAXParseException e) {
      throw new XMLStreamException(e.getMessage(), at(e.getLineNumber(), e.getColumnNumber()), e);
    } catch (SAXException | IOException e) {
      throw new XMLStreamException(e.getMessage(), e);
    }
    PARSERS.offer(parser); // only after a parse that ended well; else it is dropped
    return new QueryAnswer(texts.texts);
  }

  /** Collects the text-only elements, as {@link #read} returns them. */
  private static final class Texts extends DefaultHandler {
    private final List<Text> texts = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private int members;
    private int openMembers;
    private boolean leaf;

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
      if ("member".equals(localName)) {
        members++;
        openMembers++;
      }
      text.setLength(0);
      leaf = true;
    }

    @Override
    public void characters(char[] chars, int start, int length) {
      text.append(chars, start, length);
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      if (leaf) {
        texts.add(new Text(localName, text.toString().strip(), openMembers > 0 ? members - 1 : -1));
      }
      if ("member".equals(localName)) {
        openMembers--;
      }
      leaf = false;
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

  /**
   * A parser that refuses any document type (so no entity of its own, inside or outside) and
   * resolves nothing external.
   */
  private static SAXParser newParser() {
    try {
      SAXParserFactory factory = SAXParserFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setXIncludeAware(false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newSAXParser();
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("the JDK's XML parser refused its secure settings", e);
    }
  }

  private static Location at(int line, int column) {
    return new Location() {
      @Override
      public int getLineNumber() {
        return line;
      }

      @Override
      public int getColumnNumber() {
        return column;
      }

      @Override
      public int getCharacterOffset() {
        return -1;
      }

      @Override
      public String getPublicId() {
        return null;
      }

      @Override
      public String getSystemId() {
        return null;
      }
    };
  }
}
