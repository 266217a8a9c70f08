package dev.sesbinding.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.sesbinding.conformance.backend.SesBackend;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.core.internal.JsonStrings;
import dev.sesbinding.testing.EmulatedMessage;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.function.Executable;

/**
 * The cases for one component, in order, named as Dapr's framework names them ({@code init}, {@code
 * ping}, {@code operations}, {@code create}, {@code close}) and then ours. One code path per case:
 * the adapter is the parameter.
 */
final class DaprCases {
  private static final String CREATE = "create";

  private final ConformanceComponent component;
  private final BindingUnderTest binding;
  private final SesBackend backend;
  private final Profile profile = Profile.current();
  private boolean initialised;
  private String createdMessageId;

  private DaprCases(ConformanceComponent component, BindingUnderTest binding, SesBackend backend) {
    this.component = component;
    this.binding = binding;
    this.backend = backend;
  }

  static Stream<DynamicNode> of(
      ConformanceComponent component, BindingUnderTest binding, SesBackend backend) {
    DaprCases cases = new DaprCases(component, binding, backend);
    List<DynamicNode> nodes = new ArrayList<>();
    nodes.add(dynamicTest("init", cases::init));
    nodes.add(dynamicTest("ping", cases.afterInit(cases::ping)));
    if (component.operations().contains("operations")) {
      nodes.add(dynamicTest("operations", cases.afterInit(cases::operations)));
    }
    if (component.operations().contains(CREATE)) {
      nodes.add(dynamicTest("create", cases.afterInit(cases::create)));
      nodes.add(
          dynamicTest(
              "create: delivered with From, To, Cc, Bcc, subject and HTML body as sent",
              cases.afterInit(cases::deliveredAsSent)));
      nodes.add(
          dynamicTest(
              "create: text/plain body delivered as text",
              cases.addition("contentType text/plain", cases::plainText)));
      nodes.add(
          dynamicTest(
              "create: html with text and two attachments, one inline",
              cases.addition(
                  "data as an object with text and attachments", cases::partsAndAttachments)));
      nodes.add(
          dynamicTest(
              "create: from an SES template", cases.addition("SES templates", cases::templated)));
      SendOptionCases options = new SendOptionCases(component, binding, backend, cases::delivered);
      nodes.add(
          dynamicTest(
              "create: Return-Path and one-click List-Unsubscribe in the message",
              cases.addition("send options", options::headerOptions)));
      nodes.add(
          dynamicTest(
              "create: a bulk send to three destinations with their own data",
              cases.addition("bulk templated sends", options::bulkTemplated)));
      ErrorCases errors = new ErrorCases(component, binding, cases.profile);
      for (ErrorCases.ExpectedError error : errors.all()) {
        nodes.add(
            dynamicTest("error: " + error.name(), cases.afterInit(() -> errors.fails(error))));
      }
    }
    nodes.add(dynamicTest("close", cases::close));
    return nodes.stream();
  }

  /** A case that only this project's additions pass: see {@link Profile#addition}. */
  private Executable addition(String what, Executable body) {
    return afterInit(() -> profile.additionCase(what, body));
  }

  private Executable afterInit(Executable body) {
    return () -> {
      Assumptions.assumeTrue(initialised, "init failed, so this case cannot run");
      body.execute();
    };
  }

  private void init() throws Exception {
    binding.init(component);
    initialised = true;
    if (!binding.found().isEmpty()) {
      System.out.println("found: " + binding.found());
    }
  }

  private void ping() {
    try {
      binding.ping();
    } catch (Exception e) {
      assertThat(e.getMessage())
          .as("ping fails only with Dapr's text for a binding without ping")
          .isEqualTo(OutputBinding.PING_NOT_IMPLEMENTED);
    }
  }

  private void operations() throws Exception {
    List<String> expected =
        component.operations().stream().filter(op -> !op.equals("operations")).toList();
    assertThat(binding.operations().stream().map(String::toLowerCase).toList())
        .as("operations the binding lists")
        .containsAll(expected.stream().map(String::toLowerCase).toList());
  }

  private void create() throws Throwable {
    Outcome outcome =
        binding.invoke(CREATE, JsonStrings.quote(component.outputData()), component.output());
    assertThat(outcome.succeeded())
        .as("create with the configured output: %s", outcome.describe())
        .isTrue();
    createdMessageId = outcome.messageId();
    profile.addition(
        "the SES message id in the response",
        () -> assertThat(outcome.messageId()).as("the SES message id").isNotBlank());
  }

  private void deliveredAsSent() {
    Assumptions.assumeTrue(
        createdMessageId != null, "create failed, so there is nothing to look for");
    Assumptions.assumeTrue(
        backend.canReadBack(), "backend " + backend.name() + " cannot read messages back");
    EmulatedMessage delivered =
        createdMessageId.isEmpty()
            ? backend
                .deliveredWith(expected("subject"), component.outputData())
                .orElseThrow(
                    () ->
                        new AssertionError(
                            "backend "
                                + backend.name()
                                + " has no message with the subject and body sent"))
            : delivered(createdMessageId);
    assertThat(delivered.source()).as("From as delivered").isEqualTo(expected("emailFrom"));
    assertThat(delivered.to())
        .as("To recipients as delivered")
        .containsExactlyElementsOf(addresses("emailTo"));
    assertThat(delivered.cc())
        .as("Cc recipients as delivered")
        .containsExactlyElementsOf(addresses("emailCc"));
    assertThat(delivered.bcc())
        .as("Bcc recipients as delivered")
        .containsExactlyElementsOf(addresses("emailBcc"));
    assertThat(delivered.subject()).as("subject as delivered").isEqualTo(expected("subject"));
    assertThat(delivered.body()).as("body as delivered").isEqualTo(component.outputData());
    if (!delivered.bodyType().isEmpty()) {
      assertThat(delivered.bodyType()).as("body type as delivered").isEqualTo("html");
    }
  }

  private void plainText() throws Exception {
    Map<String, String> metadata = new HashMap<>(component.output());
    metadata.put("contentType", "text/plain");
    String text = "Plain text, line one\nline two " + UUID.randomUUID();
    Outcome outcome = binding.invoke(CREATE, JsonStrings.quote(text), metadata);
    assertThat(outcome.succeeded())
        .as("create with contentType text/plain: %s", outcome.describe())
        .isTrue();
    EmulatedMessage delivered = delivered(outcome.messageId());
    assertThat(delivered.body()).as("text body as delivered").isEqualTo(text);
    if (!delivered.bodyType().isEmpty()) {
      assertThat(delivered.bodyType()).as("body type as delivered").isEqualTo("text");
    }
  }

  /** A message with parts: what an email client needs, whatever the backend keeps of it. */
  private void partsAndAttachments() throws Exception {
    byte[] pdf = ("%PDF-1.4 conformance " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
    String data =
        "{\"html\":\"<p>Invoice <img src=\\\"cid:logo\\\"></p>\",\"text\":\"Invoice\","
            + "\"attachments\":[{\"filename\":\"invoice.pdf\",\"contentType\":\"application/pdf\","
            + "\"content\":\""
            + Base64.getEncoder().encodeToString(pdf)
            + "\"},{\"filename\":\"logo.png\",\"contentType\":\"image/png\",\"content\":\""
            + Base64.getEncoder().encodeToString(png)
            + "\",\"contentId\":\"logo\"}]}";
    Outcome outcome = binding.invoke(CREATE, data, component.output());
    assertThat(outcome.succeeded())
        .as("create with html, text and attachments: %s", outcome.describe())
        .isTrue();
    EmulatedMessage delivered = delivered(outcome.messageId());
    Assumptions.assumeTrue(
        delivered.bodyType().equals("raw"),
        "backend " + backend.name() + " does not keep raw messages to read back");
    MimeMessage message =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(delivered.body().getBytes(StandardCharsets.UTF_8)));
    assertThat(message.getSubject()).as("subject as delivered").isEqualTo(expected("subject"));
    assertThat(message.getHeader("Bcc")).as("no Bcc header in the message").isNull();
    Multipart mixed = (Multipart) message.getContent();
    Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
    assertThat(alternative.getBodyPart(0).getContent()).as("text part").isEqualTo("Invoice");
    Multipart related = (Multipart) alternative.getBodyPart(1).getContent();
    assertThat(related.getBodyPart(1).getHeader("Content-ID")[0]).isEqualTo("<logo>");
    assertThat(related.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(png);
    assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("invoice.pdf");
    assertThat(mixed.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(pdf);
  }

  /** A template the backend holds, filled in from the data. */
  private void templated() throws Exception {
    String name = "conformance-" + UUID.randomUUID();
    Assumptions.assumeTrue(
        backend.createTemplate(name, "Order {{order}}", "<p>Hello {{name}}</p>"),
        "backend " + backend.name() + " cannot create a template for the suite");
    Map<String, String> metadata = new HashMap<>(component.output());
    metadata.put("template", name);
    metadata.remove("subject");
    Outcome outcome =
        binding.invoke(CREATE, JsonStrings.quote("{\"name\":\"Ana\",\"order\":\"42\"}"), metadata);
    assertThat(outcome.succeeded()).as("create from a template: %s", outcome.describe()).isTrue();
    EmulatedMessage delivered = delivered(outcome.messageId());
    assertThat(delivered.to())
        .as("To as delivered")
        .containsExactlyElementsOf(addresses("emailTo"));
    if (delivered.bodyType().startsWith("template:")) {
      assertThat(delivered.bodyType()).isEqualTo("template:" + name);
      assertThat(delivered.body()).isEqualTo("{\"name\":\"Ana\",\"order\":\"42\"}");
    }
  }

  private EmulatedMessage delivered(String messageId) {
    Assumptions.assumeTrue(
        backend.canReadBack(), "backend " + backend.name() + " cannot read messages back");
    return backend
        .delivered(messageId)
        .orElseThrow(
            () ->
                new AssertionError(
                    "backend "
                        + backend.name()
                        + " has no message "
                        + messageId
                        + ": the binding answered with a message id that SES never issued"));
  }

  private String expected(String key) {
    String value = component.output().get(key);
    return (value != null ? value : component.metadataValue(key)).strip();
  }

  private List<String> addresses(String key) {
    return Arrays.stream(expected(key).split(";"))
        .map(String::strip)
        .filter(a -> !a.isEmpty())
        .toList();
  }

  private void close() throws Exception {
    binding.close();
  }
}
