package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.email.BulkDestination;
import dev.sesbinding.core.email.BulkEmail;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.Mailbox;
import dev.sesbinding.core.email.MessageTag;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.client.config.AwsClientOption;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.protocols.query.AwsQueryProtocolFactory;
import software.amazon.awssdk.services.ses.model.GetSendQuotaRequest;
import software.amazon.awssdk.services.ses.model.SendBulkTemplatedEmailRequest;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;
import software.amazon.awssdk.services.ses.model.SendRawEmailRequest;
import software.amazon.awssdk.services.ses.model.SendTemplatedEmailRequest;
import software.amazon.awssdk.services.ses.transform.GetSendQuotaRequestMarshaller;
import software.amazon.awssdk.services.ses.transform.SendBulkTemplatedEmailRequestMarshaller;
import software.amazon.awssdk.services.ses.transform.SendEmailRequestMarshaller;
import software.amazon.awssdk.services.ses.transform.SendRawEmailRequestMarshaller;
import software.amazon.awssdk.services.ses.transform.SendTemplatedEmailRequestMarshaller;

/**
 * The Query form this project writes for each SES call is the form the SDK's own marshaller writes
 * for the same request: every parameter, name and value, for every shape {@link SendEmailRequests}
 * builds.
 */
@SuppressWarnings(
    "deprecation") // the marshaller needs an endpoint; the option that gives one is deprecated
class QueryFormTest {
  private static final AwsQueryProtocolFactory SDK =
      AwsQueryProtocolFactory.builder()
          .clientConfiguration(
              SdkClientConfiguration.builder()
                  .option(
                      SdkClientOption.ENDPOINT, URI.create("https://email.eu-west-1.amazonaws.com"))
                  .option(AwsClientOption.SERVICE_SIGNING_NAME, "ses")
                  .build())
          .build();

  static Stream<Arguments> requests() {
    Email everything =
        Email.builder()
            .from("Shop Ü <shop@example.com>")
            .to("a@example.com", "Bé <b@example.com>")
            .cc("c@example.com")
            .bcc("d@example.com")
            .replyTo("r@example.com")
            .subject("Grüße & 100% + more = ~fine*")
            .html("<p>héllo & good/bye</p>")
            .configurationSet("set-1")
            .tag("campaign", "spring_2026")
            .tag("kind", "a-b")
            .returnPath("bounce@example.com")
            .returnPathArn("arn:aws:ses:eu-west-1:123456789012:identity/example.com")
            .sourceArn("arn:aws:ses:eu-west-1:123456789012:identity/example.com")
            .build();
    Email text =
        Email.builder()
            .from("shop@example.com")
            .to("a@example.com")
            .subject("s")
            .text("plain")
            .build();
    Email raw =
        Email.builder()
            .from("shop@example.com")
            .to("a@example.com")
            .bcc("hidden@example.com")
            .subject("with a file")
            .html("<p>see attached</p>")
            .attach(
                "report ü.pdf",
                "application/pdf",
                new byte[] {(byte) 0xfb, (byte) 0xff, 0, 1, 62, 63})
            .fromArn("arn:aws:ses:eu-west-1:123456789012:identity/example.com")
            .tag("t", "v")
            .build();
    Email templated =
        Email.builder()
            .from("shop@example.com")
            .to("a@example.com")
            .template("welcome", "{\"name\":\"Zoë\",\"n\":1}")
            .tag("t", "v")
            .build();
    BulkEmail bulk =
        BulkEmail.builder()
            .from("shop@example.com")
            .replyTo("r@example.com")
            .template("welcome", "{\"name\":\"friend\"}")
            .tag("campaign", "bulk")
            .destination(BulkDestination.to("{\"name\":\"Ann\"}", "ann@example.com"))
            .destination(
                new BulkDestination(
                    List.of(new Mailbox("", "bob@example.com")),
                    List.of(new Mailbox("", "cc@example.com")),
                    List.of(),
                    "",
                    List.of(new MessageTag("campaign", "other"))))
            .build();
    return Stream.of(
        Arguments.of("SendEmail, every field", "SendEmail", SendEmailRequests.of(everything)),
        Arguments.of("SendEmail, text only", "SendEmail", SendEmailRequests.of(text)),
        Arguments.of("SendRawEmail", "SendRawEmail", SendEmailRequests.raw(raw)),
        Arguments.of(
            "SendTemplatedEmail", "SendTemplatedEmail", SendEmailRequests.templated(templated)),
        Arguments.of(
            "SendBulkTemplatedEmail", "SendBulkTemplatedEmail", SendEmailRequests.bulk(bulk)),
        Arguments.of("GetSendQuota", "GetSendQuota", GetSendQuotaRequest.builder().build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void writesWhatTheSdksMarshallerWrites(String name, String action, SdkPojo request) {
    Map<String, String> ours =
        decode(new String(QueryForm.of(action, request), StandardCharsets.US_ASCII));

    assertThat(ours).isEqualTo(sdkForm(request));
    assertThat(ours).containsEntry("Action", action).containsEntry("Version", "2010-12-01");
  }

  @Test
  void encodesAsSigV4Does() {
    String form =
        new String(
            QueryForm.of("SendEmail", SendEmailRequest.builder().source("a b+c/d=é~_.-*").build()),
            StandardCharsets.US_ASCII);

    assertThat(form)
        .isEqualTo("Action=SendEmail&Version=2010-12-01&Source=a%20b%2Bc%2Fd%3D%C3%A9~_.-%2A");
  }

  /** The SDK's parameters, which a later stage of its pipeline writes into the body. */
  private static Map<String, String> sdkForm(SdkPojo request) {
    SdkHttpFullRequest marshalled;
    if (request instanceof SendEmailRequest r) {
      marshalled = new SendEmailRequestMarshaller(SDK).marshall(r);
    } else if (request instanceof SendRawEmailRequest r) {
      marshalled = new SendRawEmailRequestMarshaller(SDK).marshall(r);
    } else if (request instanceof SendTemplatedEmailRequest r) {
      marshalled = new SendTemplatedEmailRequestMarshaller(SDK).marshall(r);
    } else if (request instanceof SendBulkTemplatedEmailRequest r) {
      marshalled = new SendBulkTemplatedEmailRequestMarshaller(SDK).marshall(r);
    } else {
      marshalled = new GetSendQuotaRequestMarshaller(SDK).marshall((GetSendQuotaRequest) request);
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    marshalled
        .rawQueryParameters()
        .forEach(
            (name, values) -> {
              assertThat(values).as(name).hasSize(1);
              pairs.put(name, values.get(0));
            });
    return pairs;
  }

  private static Map<String, String> decode(String form) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String pair : java.util.regex.Pattern.compile("&").split(form, -1)) {
      int equals = pair.indexOf('=');
      String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      assertThat(
              pairs.put(
                  URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8), value))
          .as("named once: " + pair)
          .isNull();
    }
    return pairs;
  }
}
