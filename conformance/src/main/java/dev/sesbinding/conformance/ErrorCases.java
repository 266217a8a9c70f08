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
  /** Dapr's text for data that is not a JSON string; this project adds a hint after it. */
  private static final String UNQUOTE =
      "SES binding error. Can't unquote data field: invalid syntax";

  private final ConformanceComponent component;
  private final BindingUnderTest binding;
  private final Profile profile;

  ErrorCases(ConformanceComponent component, BindingUnderTest binding, Profile profile) {
    this.component = component;
    this.binding = binding;
    this.profile = profile;
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
      boolean messageIsPrefix,
      String daprText) {

    /** A case beyond Dapr's binding: all of it is this project's addition. */
    ExpectedError(
        String name,
        String operation,
        String data,
        Map<String, String> overrides,
        Kind kind,
        String message,
        boolean messageIsPrefix) {
      this(name, operation, data, overrides, kind, message, messageIsPrefix, "");
    }

    /**
     * Whether Dapr's runtime refuses it before any binding sees it (an operation the binding does
     * not list): daprd then answers with its own text and no cause, whatever the binding.
     */
    boolean refusedByTheRuntime() {
      return !operation.equals("create");
    }

    /** Whether Dapr's binding promises this refusal (its text begins {@link #daprText}). */
    boolean daprs() {
      return !daprText.isEmpty();
    }
  }

  List<ExpectedError> all() {
    String data = JsonStrings.quote(component.outputData());
    String missing = " property not supplied in configuration- or request-metadata";
    String fiftyOne =
        IntStream.range(0, 51)
            .mapToObj(i -> "r" + i + "@example.com")
            .collect(Collectors.joining(";"));
    String unverified = "unverified-" + UUID.randomUUID() + "@example.com";
    String unsupported =
        "binding "
            + component.name()
            + " does not support operation delete. supported operations:create";
    return List.of(
        new ExpectedError(
            "emailFrom missing",
            "create",
            data,
            Map.of("emailFrom", ""),
            Kind.CALLER,
            "SES binding error: emailFrom" + missing,
            false,
            "SES binding error: emailFrom" + missing),
        new ExpectedError(
            "emailTo missing",
            "create",
            data,
            Map.of("emailTo", ""),
            Kind.CALLER,
            "SES binding error: emailTo" + missing,
            false,
            "SES binding error: emailTo" + missing),
        new ExpectedError(
            "subject missing",
            "create",
            data,
            Map.of("subject", ""),
            Kind.CALLER,
            "SES binding error: subject" + missing,
            false,
            "SES binding error: subject" + missing),
        new ExpectedError(
            "data is not a JSON string",
            "create",
            "{\"a\":1}",
            Map.of(),
            Kind.CALLER,
            "SES binding error. Can't unquote data field: invalid syntax (data must be a JSON string)",
            false,
            UNQUOTE),
        new ExpectedError(
            "data missing",
            "create",
            null,
            Map.of(),
            Kind.CALLER,
            "SES binding error. Can't unquote data field: invalid syntax (data must be a JSON string)",
            false,
            UNQUOTE),
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
            unsupported,
            false,
            unsupported),
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

  void fails(ExpectedError error) throws Throwable {
    if (error.daprs()) {
      failsAsDaprPromises(error);
    } else {
      profile.additionCase("refusing " + error.name(), () -> failsAsWePromise(error));
    }
  }

  /** Dapr's refusal with Dapr's text first; our status and the rest of our text as additions. */
  private void failsAsDaprPromises(ExpectedError error) throws Throwable {
    skipWhereDataIsTheBody(error);
    Outcome outcome = invoke(error);
    assertThat(outcome.succeeded())
        .as("%s must fail, but was %s", error.name(), outcome.describe())
        .isFalse();
    assertThat(outcome.message())
        .as("Dapr's error text for %s", error.name())
        .startsWith(error.daprText());
    if (outcome.causeHidden() && error.refusedByTheRuntime()) {
      assertThat(outcome.message()).as("Dapr's runtime text").isEqualTo(error.message());
      return; // daprd refused it itself: no binding status to check
    }
    profile.addition(
        "the status of who can fix it, and this project's full text",
        () -> assertCauseAndText(error, outcome));
  }

  private void failsAsWePromise(ExpectedError error) throws Exception {
    skipWhereDataIsTheBody(error);
    Outcome outcome = invoke(error);
    assertThat(outcome.succeeded())
        .as("%s must fail, but was %s", error.name(), outcome.describe())
        .isFalse();
    assertCauseAndText(error, outcome);
  }

  private Outcome invoke(ExpectedError error) throws Exception {
    Map<String, String> metadata = new HashMap<>(component.output());
    metadata.putAll(error.overrides());
    return binding.invoke(error.operation(), error.data(), metadata);
  }

  private void skipWhereDataIsTheBody(ExpectedError error) {
    Assumptions.assumeFalse(
        binding.takesAnyDataAsTheBody()
            && error.data() != null
            && !(error.data().startsWith("\"") || error.data().startsWith("{")),
        "over this adapter, data that is not a JSON string or object is the body itself"
            + " (contract section 6)");
  }

  private static void assertCauseAndText(ExpectedError error, Outcome outcome) {
    assertThat(outcome.causeHidden())
        .as(
            "the target hides why %s failed (daprd's own binding answers every error 500): %s",
            error.name(), outcome.describe())
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
