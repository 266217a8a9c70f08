package dev.sesbinding.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.BindingException.Kind;
import dev.sesbinding.core.internal.JsonStrings;
import dev.sesbinding.serving.ErrorCase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;

/**
 * The error cases of one component: each invalid request, what it must fail with (the kind, or over
 * HTTP the status of its row of the error table) and Dapr's or our exact text.
 */
final class ErrorCases {
  private final ConformanceComponent component;
  private final BindingUnderTest binding;

  ErrorCases(ConformanceComponent component, BindingUnderTest binding) {
    this.component = component;
    this.binding = binding;
  }

  /**
   * An invalid request, the kind of error it must give (or its HTTP status), and Dapr's or our
   * exact text.
   */
  record ExpectedError(
      String name,
      String operation,
      String data,
      Map<String, String> overrides,
      Kind kind,
      String message,
      boolean messageIsPrefix) {}

  List<ExpectedError> all() {
    String data = JsonStrings.quote(component.outputData());
    String missing = " property not supplied in configuration- or request-metadata";
    String fiftyOne =
        IntStream.range(0, 51)
            .mapToObj(i -> "r" + i + "@example.com")
            .collect(Collectors.joining(";"));
    String unverified = "unverified-" + UUID.randomUUID() + "@example.com";
    return List.of(
        new ExpectedError(
            "emailFrom missing",
            "create",
            data,
            Map.of("emailFrom", ""),
            Kind.CALLER,
            "SES binding error: emailFrom" + missing,
            false),
        new ExpectedError(
            "emailTo missing",
            "create",
            data,
            Map.of("emailTo", ""),
            Kind.CALLER,
            "SES binding error: emailTo" + missing,
            false),
        new ExpectedError(
            "subject missing",
            "create",
            data,
            Map.of("subject", ""),
            Kind.CALLER,
            "SES binding error: subject" + missing,
            false),
        new ExpectedError(
            "data is not a JSON string",
            "create",
            "{\"a\":1}",
            Map.of(),
            Kind.CALLER,
            "SES binding error. Can't unquote data field: invalid syntax (data must be a JSON string)",
            false),
        new ExpectedError(
            "data missing",
            "create",
            null,
            Map.of(),
            Kind.CALLER,
            "SES binding error. Can't unquote data field: invalid syntax (data must be a JSON string)",
            false),
        new ExpectedError(
            "invalid address",
            "create",
            data,
            Map.of("emailCc", "not-an-address"),
            Kind.CALLER,
            "SES binding error: emailCc \"not-an-address\" is not a valid email address (expected a@b.c or"
                + " Name <a@b.c>)",
            false),
        new ExpectedError(
            "51 recipients",
            "create",
            data,
            Map.of("emailTo", fiftyOne, "emailCc", "", "emailBcc", ""),
            Kind.CALLER,
            "SES binding error: emailTo, emailCc and emailBcc have 51 recipients together; SES accepts"
                + " at most 50 per message",
            false),
        new ExpectedError(
            "line break in the subject",
            "create",
            data,
            Map.of("subject", "Hi\r\nBcc: victim@example.com"),
            Kind.CALLER,
            "SES binding error: subject \"Hi\\r\\nBcc: victim@example.com\" contains a line break (CR or"
                + " LF), which could inject mail headers",
            false),
        new ExpectedError(
            "line break in an address",
            "create",
            data,
            Map.of("emailTo", "a@example.com\nBcc: victim@example.com"),
            Kind.CALLER,
            "SES binding error: emailTo"
                + " \"a@example.com\\nBcc: victim@example.com\" contains a line break (CR or LF), which could inject"
                + " mail headers",
            false),
        new ExpectedError(
            "unsupported operation",
            "delete",
            data,
            Map.of(),
            Kind.CALLER,
            "binding "
                + component.name()
                + " does not support operation delete. supported operations:create",
            false),
        new ExpectedError(
            "unverified sender is rejected by SES",
            "create",
            data,
            Map.of("emailFrom", unverified),
            Kind.REJECTED,
            "SES binding error. Sending email failed: MessageRejected",
            true),
        new ExpectedError(
            "attachment of a type SES refuses",
            "create",
            "{\"html\":\"<p>x</p>\",\"attachments\":[{\"filename\":\"setup.exe\",\"content\":\"eA==\"}]}",
            Map.of(),
            Kind.CALLER,
            "SES binding error. data: attachment 1 (setup.exe): SES does not send .exe files",
            false),
        new ExpectedError(
            "template data that is not a JSON object",
            "create",
            JsonStrings.quote("[1,2]"),
            Map.of("template", "conformance-any"),
            Kind.CALLER,
            "SES binding error. template data must be a JSON object: send data as"
                + " {\"name\":\"value\"}, or as a JSON string holding one",
            false));
  }

  void fails(ExpectedError error) throws Exception {
    Assumptions.assumeFalse(
        binding.takesAnyDataAsTheBody()
            && (error.data() == null
                || !(error.data().startsWith("\"") || error.data().startsWith("{"))),
        "over this adapter, data that is not a JSON string or object is the body itself"
            + " (contract section 6)");
    Map<String, String> metadata = new HashMap<>(component.output());
    metadata.putAll(error.overrides());
    Outcome outcome = binding.invoke(error.operation(), error.data(), metadata);
    assertThat(outcome.succeeded())
        .as("%s must fail, but was %s", error.name(), outcome.describe())
        .isFalse();
    if (outcome.httpStatus() == Outcome.NO_STATUS) {
      assertThat(outcome.kind())
          .as("kind of the error for %s", error.name())
          .isEqualTo(error.kind());
    } else {
      assertThat(outcome.httpStatus())
          .as("HTTP status for %s", error.name())
          .isEqualTo(ErrorCase.of(error.kind()).httpStatus());
    }
    if (error.messageIsPrefix()) {
      assertThat(outcome.message())
          .as("error text for %s", error.name())
          .startsWith(error.message());
    } else {
      assertThat(outcome.message())
          .as("error text for %s", error.name())
          .isEqualTo(error.message());
    }
  }
}
