package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.Metadata;
import dev.sesbinding.core.email.ContentType;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.Mailbox;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Contract section 3, rule by rule. */
class EmailComposerTest {
  private static final Map<String, String> COMPONENT =
      Map.of(
          "emailFrom",
          "from@example.com",
          "emailTo",
          "to@example.com",
          "emailCc",
          "cc@example.com",
          "emailBcc",
          "bcc@example.com",
          "subject",
          "component subject");

  private static Email compose(
      Map<String, String> component, Map<String, String> request, String data) {
    return new EmailComposer(Metadata.of(component))
        .compose(InvokeRequest.of("create", data.getBytes(StandardCharsets.UTF_8), request));
  }

  private static Email compose(Map<String, String> request) {
    return compose(COMPONENT, request, "\"body\"");
  }

  private static BindingException failure(
      Map<String, String> component, Map<String, String> request, String data) {
    BindingException error =
        catchThrowableOfType(BindingException.class, () -> compose(component, request, data));
    assertThat(error).as("expected a BindingException").isNotNull();
    return error;
  }

  private static BindingException failure(Map<String, String> request) {
    return failure(COMPONENT, request, "\"body\"");
  }

  private static Map<String, String> with(Map<String, String> base, String... pairs) {
    Map<String, String> map = new HashMap<>(base);
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Nested
  class Merge {
    @Test
    void componentValuesApplyWhenRequestHasNoMetadata() {
      Email email = compose(Map.of());

      assertThat(email.from().address()).isEqualTo("from@example.com");
      assertThat(email.to()).extracting(Mailbox::address).containsExactly("to@example.com");
      assertThat(email.cc()).extracting(Mailbox::address).containsExactly("cc@example.com");
      assertThat(email.bcc()).extracting(Mailbox::address).containsExactly("bcc@example.com");
      assertThat(email.subject()).isEqualTo("component subject");
    }

    @Test
    void requestValueOverridesComponentValueKeyByKey() {
      Email email = compose(Map.of("emailTo", "other@example.com", "subject", "request subject"));

      assertThat(email.to()).extracting(Mailbox::address).containsExactly("other@example.com");
      assertThat(email.subject()).isEqualTo("request subject");
      assertThat(email.cc()).extracting(Mailbox::address).containsExactly("cc@example.com");
    }

    @Test
    void requestKeysMatchCaseInsensitively() {
      Email email = compose(Map.of("EMAILTO", "upper@example.com", "Subject", "mixed"));

      assertThat(email.to()).extracting(Mailbox::address).containsExactly("upper@example.com");
      assertThat(email.subject()).isEqualTo("mixed");
    }

    @Test
    void emptyRequestValueClearsComponentValue() {
      Email email = compose(Map.of("emailCc", "", "emailBcc", ""));

      assertThat(email.cc()).isEmpty();
      assertThat(email.bcc()).isEmpty();
    }

    @Test
    void emptyRequestEmailFromClearsItAndFailsWithDaprText() {
      assertThat(failure(Map.of("emailFrom", "")).getMessage())
          .isEqualTo(
              "SES binding error: emailFrom property not supplied in configuration- or request-metadata");
    }

    @Test
    void requestKeysThatDifferOnlyInCaseAreAnErrorNamingBoth() {
      BindingException error =
          failure(Map.of("emailTo", "a@example.com", "EmailTo", "b@example.com"));

      assertThat(error.kind()).isEqualTo(BindingException.Kind.CALLER);
      assertThat(error.getMessage())
          .contains("\"emailTo\"")
          .contains("\"EmailTo\"")
          .contains("differ only in case");
    }

    @Test
    void unknownAndTraceRequestKeysAreIgnored() {
      Email email = compose(Map.of("traceparent", "00-abc-def-01", "whatever", "x"));

      assertThat(email.subject()).isEqualTo("component subject");
    }
  }

  @Nested
  class RequiredFields {
    @Test
    void emailFromIsCheckedFirst() {
      assertThat(failure(Map.of(), Map.of(), "not even quoted").getMessage())
          .isEqualTo(
              "SES binding error: emailFrom property not supplied in configuration- or request-metadata");
    }

    @Test
    void emailToIsCheckedSecond() {
      assertThat(failure(Map.of("emailFrom", "f@example.com"), Map.of(), "x").getMessage())
          .isEqualTo(
              "SES binding error: emailTo property not supplied in configuration- or request-metadata");
    }

    @Test
    void subjectIsCheckedThird() {
      assertThat(
              failure(
                      Map.of("emailFrom", "f@example.com", "emailTo", "t@example.com"),
                      Map.of(),
                      "x")
                  .getMessage())
          .isEqualTo(
              "SES binding error: subject property not supplied in configuration- or request-metadata");
    }

    @Test
    void missingFieldIsTheCallersToFix() {
      assertThat(failure(Map.of(), Map.of(), "\"x\"").kind())
          .isEqualTo(BindingException.Kind.CALLER);
    }

    @Test
    void requiredFieldsMaySplitBetweenComponentAndRequest() {
      Email email =
          compose(
              Map.of("emailFrom", "f@example.com"),
              Map.of("emailTo", "t@example.com", "subject", "s"),
              "\"b\"");

      assertThat(email.to()).extracting(Mailbox::address).containsExactly("t@example.com");
    }
  }

  @Nested
  class Body {
    @Test
    void dataThatIsAJsonStringBecomesTheBody() {
      assertThat(compose(COMPONENT, Map.of(), "\"\\u003cb\\u003eHi\\u003c/b\\u003e\"").body())
          .isEqualTo("<b>Hi</b>");
    }

    @Test
    void emptyJsonStringIsAnEmptyBody() {
      assertThat(compose(COMPONENT, Map.of(), "\"\"").body()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"{\"a\":1}", "[1]", "42", "true", "null", "", "plain text"})
    void dataThatIsNotAStringFailsWithDaprTextAndAHint(String data) {
      BindingException error = failure(COMPONENT, Map.of(), data);

      assertThat(error.kind()).isEqualTo(BindingException.Kind.CALLER);
      assertThat(error.getMessage())
          .isEqualTo(
              "SES binding error. Can't unquote data field: invalid syntax (data must be a JSON string)");
    }

    @Test
    void bodyIsHtmlByDefault() {
      assertThat(compose(Map.of()).contentType()).isEqualTo(ContentType.HTML);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text/plain", "TEXT/PLAIN", " text/plain "})
    void contentTypeTextPlainSelectsTextBody(String contentType) {
      assertThat(compose(Map.of("contentType", contentType)).contentType())
          .isEqualTo(ContentType.TEXT);
    }

    @Test
    void unsupportedContentTypeIsNamed() {
      assertThat(failure(Map.of("contentType", "application/pdf")).getMessage())
          .isEqualTo(
              "SES binding error: contentType \"application/pdf\" is not supported: use text/html (the default)"
                  + " or text/plain");
    }
  }

  @Nested
  class Addresses {
    @Test
    void listsSplitOnSemicolonTrimBlanksAndDropEmptyEntries() {
      Email email = compose(Map.of("emailTo", " a@example.com ;b@example.com;; ;c@example.com;"));

      assertThat(email.to())
          .extracting(Mailbox::address)
          .containsExactly("a@example.com", "b@example.com", "c@example.com");
    }

    @Test
    void toCcAndBccAreAllKept() {
      Email email =
          compose(
              Map.of(
                  "emailTo",
                  "t1@example.com;t2@example.com",
                  "emailCc",
                  "c@example.com",
                  "emailBcc",
                  "b@example.com"));

      assertThat(email.to()).hasSize(2);
      assertThat(email.cc()).hasSize(1);
      assertThat(email.bcc()).hasSize(1);
    }

    @Test
    void displayNameFormIsAccepted() {
      Email email = compose(Map.of("emailFrom", "Billing Team <billing@example.com>"));

      assertThat(email.from()).isEqualTo(new Mailbox("Billing Team", "billing@example.com"));
    }

    @Test
    void quotedDisplayNameIsUnquoted() {
      Email email = compose(Map.of("emailFrom", "\"Doe, Jane\" <jane@example.com>"));

      assertThat(email.from().displayName()).isEqualTo("Doe, Jane");
      assertThat(email.from().formatted()).isEqualTo("\"Doe, Jane\" <jane@example.com>");
    }

    @Test
    void internationalisedDomainIsSentAsPunycode() {
      assertThat(compose(Map.of("emailTo", "user@bücher.example")).to().get(0).address())
          .isEqualTo("user@xn--bcher-kva.example");
    }

    @Test
    void nonAsciiDisplayNameIsEncodedAsMimeWord() {
      assertThat(compose(Map.of("emailFrom", "Zoë <z@example.com>")).from().formatted())
          .isEqualTo("=?UTF-8?B?Wm/Dqw==?= <z@example.com>");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "plainaddress",
          "@example.com",
          "user@",
          "user@localhost",
          "a@b@",
          "us er@example.com",
          "user@exa_mple.com",
          "user@-example.com",
          ".user@example.com",
          "user..x@example.com",
          "Name <user@example.com",
          "user@example.com>",
          "a@x.com,b@x.com"
        })
    void invalidAddressIsNamedWithItsField(String address) {
      BindingException error = failure(Map.of("emailCc", address));

      assertThat(error.kind()).isEqualTo(BindingException.Kind.CALLER);
      assertThat(error.getMessage()).startsWith("SES binding error: emailCc \"" + address + "\" ");
    }

    @Test
    void nonAsciiLocalPartIsRefusedWithAReason() {
      assertThat(failure(Map.of("emailTo", "jürgen@example.com")).getMessage())
          .isEqualTo(
              "SES binding error: emailTo \"jürgen@example.com\" has a non-ASCII local part, which SES does not"
                  + " accept (only the domain may be internationalised)");
    }

    @Test
    void senderMustBeOneAddress() {
      assertThat(failure(Map.of("emailFrom", "a@example.com;b@example.com")).getMessage())
          .isEqualTo(
              "SES binding error: emailFrom \"a@example.com;b@example.com\" must be exactly one address");
    }

    @Test
    void listWithOnlySeparatorsHasNoAddress() {
      assertThat(failure(Map.of("emailTo", " ; ")).getMessage())
          .isEqualTo(
              "SES binding error: emailTo \" ; \" has no address (addresses are separated by ';')");
    }

    @Test
    void replyToAddressesAreParsedAndValidated() {
      Email email = compose(Map.of("emailReplyTo", "r1@example.com;Help <r2@example.com>"));

      assertThat(email.replyTo())
          .extracting(Mailbox::formatted)
          .containsExactly("r1@example.com", "Help <r2@example.com>");
      assertThat(failure(Map.of("emailReplyTo", "nope")).getMessage())
          .startsWith("SES binding error: emailReplyTo");
    }
  }

  @Nested
  class Limits {
    private String addresses(int count, String prefix) {
      return IntStream.range(0, count)
          .mapToObj(i -> prefix + i + "@example.com")
          .collect(Collectors.joining(";"));
    }

    @Test
    void fiftyRecipientsAcrossToCcAndBccAreAccepted() {
      Email email =
          compose(
              Map.of(
                  "emailTo",
                  addresses(30, "t"),
                  "emailCc",
                  addresses(10, "c"),
                  "emailBcc",
                  addresses(10, "b")));

      assertThat(email.recipientCount()).isEqualTo(50);
    }

    @Test
    void fiftyOneRecipientsAreRefused() {
      BindingException error =
          failure(
              Map.of(
                  "emailTo",
                  addresses(30, "t"),
                  "emailCc",
                  addresses(11, "c"),
                  "emailBcc",
                  addresses(10, "b")));

      assertThat(error.kind()).isEqualTo(BindingException.Kind.CALLER);
      assertThat(error.getMessage())
          .isEqualTo(
              "SES binding error: emailTo, emailCc and emailBcc have 51 recipients"
                  + " together; SES accepts at most 50 per message");
    }

    @Test
    void messageWithinTenMegabytesIsAccepted() {
      String body = "a".repeat(7_000_000);

      assertThat(compose(COMPONENT, Map.of(), "\"" + body + "\"").body()).hasSize(7_000_000);
    }

    @Test
    void messageOverTenMegabytesOnceEncodedIsRefused() {
      String body = "a".repeat(8_000_000);

      BindingException error = failure(COMPONENT, Map.of(), "\"" + body + "\"");

      assertThat(error.kind()).isEqualTo(BindingException.Kind.CALLER);
      assertThat(error.getMessage())
          .startsWith("SES binding error: message is about ")
          .endsWith(
              "bytes once encoded, over the SES limit of 10485760 bytes (10 MB); send a smaller body");
    }
  }

  @Nested
  class HeaderInjection {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"emailFrom", "emailTo", "emailCc", "emailBcc", "emailReplyTo"})
    void lineBreakInAnAddressIsRefused(String field) {
      BindingException error = failure(Map.of(field, "a@example.com\r\nBcc: victim@example.com"));

      assertThat(error.kind()).isEqualTo(BindingException.Kind.CALLER);
      assertThat(error.getMessage())
          .isEqualTo(
              "SES binding error: "
                  + field
                  + " \"a@example.com\\r\\nBcc: victim@example.com\" contains a line break (CR or LF), which could inject"
                  + " mail headers");
    }

    @Test
    void lineBreakInADisplayNameIsRefused() {
      assertThat(
              failure(Map.of("emailTo", "Evil\nBcc: x@example.com <a@example.com>")).getMessage())
          .contains("contains a line break");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Hi\r\nBcc: victim@example.com", "Hi\nthere", "Hi\rthere"})
    void lineBreakInTheSubjectIsRefused(String subject) {
      BindingException error = failure(Map.of("subject", subject));

      assertThat(error.getMessage())
          .startsWith("SES binding error: subject \"Hi")
          .endsWith("contains a line break (CR or LF), which could inject mail headers");
    }

    @Test
    void lineSeparatorInADisplayNameIsRefused() {
      assertThat(
              failure(Map.of("emailTo", "Ana\u2028Bcc: x@example.com <a@example.com>"))
                  .getMessage())
          .contains("has a control character (U+2028) in its display name");
    }

    @Test
    void controlCharacterInADisplayNameIsRefused() {
      assertThat(failure(Map.of("emailTo", "Bell\u0007 <a@example.com>")).getMessage())
          .isEqualTo(
              "SES binding error: emailTo \"Bell\\u0007 <a@example.com>\" has a control character"
                  + " (U+0007) in its display name");
    }
  }

  @Nested
  class ConfigurationSet {
    @Test
    void configurationSetIsTakenFromComponentOrRequest() {
      assertThat(
              compose(with(COMPONENT, "configurationSet", "tracking"), Map.of(), "\"b\"")
                  .configurationSet())
          .isEqualTo("tracking");
      assertThat(compose(Map.of("configurationSet", "other-set_1")).configurationSet())
          .isEqualTo("other-set_1");
    }

    @Test
    void noConfigurationSetIsEmpty() {
      assertThat(compose(Map.of()).configurationSet()).isEmpty();
    }

    @Test
    void invalidConfigurationSetNameIsNamed() {
      assertThat(failure(Map.of("configurationSet", "has space")).getMessage())
          .isEqualTo(
              "SES binding error: configurationSet \"has space\" is not a valid SES configuration set name"
                  + " (1 to 64 ASCII letters, digits, '_' or '-')");
    }
  }

  @Test
  void emailToStringShowsNoAddressSubjectOrBody() {
    Email email = compose(COMPONENT, Map.of("subject", "secret subject"), "\"secret body\"");

    assertThat(email.toString())
        .doesNotContain("example.com")
        .doesNotContain("secret subject")
        .doesNotContain("secret body");
    assertThat(List.of(email.toString()))
        .allMatch(text -> text.startsWith("Email[to=1, cc=1, bcc=1"));
  }

  @Nested
  class HeaderCharacters {
    @ParameterizedTest(name = "{1}")
    @CsvSource({
      "'Hi\u0000there', U+0000",
      "'Hi\u0085there', U+0085",
      "'Hi\u2028there', U+2028",
      "'Hi\u2029there', U+2029",
      "'Hi\u001bthere', U+001B",
      "'Hi\u007fthere', U+007F"
    })
    void subjectWithAControlCharacterIsRefusedNamingIt(String subject, String codePoint) {
      assertThat(failure(Map.of("subject", subject)).getMessage())
          .startsWith("SES binding error: subject ")
          .endsWith(
              "contains a control character ("
                  + codePoint
                  + "), which a mail header must not carry");
    }

    @Test
    void subjectWithATabOrNonAsciiTextIsKept() {
      assertThat(compose(Map.of("subject", "Caf\u00e9\tM\u00fcnchen \u2603")).subject())
          .isEqualTo("Caf\u00e9\tM\u00fcnchen \u2603");
    }
  }

  @Nested
  class ComponentValuesCheckedAtInit {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
      "emailFrom, not-an-address",
      "emailFrom, 'a@example.com;b@example.com'",
      "emailTo, 'ok@example.com;broken'",
      "emailCc, 'Bell\u0007 <a@example.com>'",
      "emailReplyTo, '<a@example.com'",
      "subject, 'Hi\r\nBcc: x@example.com'",
      "contentType, text/markdown",
      "configurationSet, 'not allowed!'"
    })
    void invalidComponentValueFailsConstructionNamingTheKey(String key, String value) {
      BindingException error =
          catchThrowableOfType(
              BindingException.class, () -> new EmailComposer(Metadata.of(Map.of(key, value))));

      assertThat(error.kind()).isEqualTo(BindingException.Kind.CALLER);
      assertThat(error.getMessage()).startsWith("SES binding error: " + key + " ");
    }
  }
}
