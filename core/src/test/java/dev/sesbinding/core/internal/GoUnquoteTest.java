package dev.sesbinding.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cases from Go's strconv quote_test.go and from how Dapr's runtime encodes {@code data}
 * (dapr-reference 1.6).
 */
class GoUnquoteTest {

  static Stream<Arguments> validLiterals() {
    return Stream.of(
        // Go's unquotetests
        Arguments.of("\"\"", ""),
        Arguments.of("\"a\"", "a"),
        Arguments.of("\"abc\"", "abc"),
        Arguments.of("\"☺\"", "☺"),
        Arguments.of("\"hello world\"", "hello world"),
        Arguments.of("\"\\u1234\"", "\u1234"),
        Arguments.of("\"\\U00010111\"", new String(Character.toChars(0x10111))),
        Arguments.of("\"\\U0001011111\"", new String(Character.toChars(0x10111)) + "11"),
        Arguments.of("\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\"", "\u0007\b\f\n\r\t\u000b\\\""),
        Arguments.of("\"'\"", "'"),
        Arguments.of("'a'", "a"),
        Arguments.of("'☹'", "☹"),
        Arguments.of("'\\a'", "\u0007"),
        Arguments.of("'\\x10'", "\u0010"),
        Arguments.of("'\\u1234'", "\u1234"),
        Arguments.of("'\\t'", "\t"),
        Arguments.of("' '", " "),
        Arguments.of("'\\''", "'"),
        Arguments.of("'\"'", "\""),
        // back-quoted raw strings: verbatim, carriage returns dropped
        Arguments.of("``", ""),
        Arguments.of("`abc`", "abc"),
        Arguments.of("`\\xFF`", "\\xFF"),
        Arguments.of("`\\377`", "\\377"),
        Arguments.of("`\\`", "\\"),
        Arguments.of("`\n`", "\n"),
        Arguments.of("`\t`", "\t"),
        Arguments.of("`a\rb`", "ab"),
        Arguments.of("`<h1>Hi</h1>`", "<h1>Hi</h1>"),
        // what Dapr's runtime passes for a JSON string (Go's json.Marshal escapes <, > and &)
        Arguments.of("\"Hello\"", "Hello"),
        Arguments.of("\"\\u003ch1\\u003eHi \\u0026 bye\\u003c/h1\\u003e\"", "<h1>Hi & bye</h1>"),
        Arguments.of("\"line1\\nline2\"", "line1\nline2"),
        Arguments.of("\"a/b\"", "a/b"),
        Arguments.of("\"\\ufffd\"", "\ufffd"),
        Arguments.of("\"\\ud83d\"".replace("\\ud83d", "😀"), "😀"),
        Arguments.of("\"tab\there\"", "tab\there"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validLiterals")
  void unquotesGoStringLiteral(String literal, String expected) {
    assertThat(GoUnquote.unquote(literal.getBytes(StandardCharsets.UTF_8))).contains(expected);
  }

  static Stream<String> invalidLiterals() {
    return Stream.of(
        // Go's misquoted
        "",
        "\"",
        "\"a",
        "\"'",
        "b\"",
        "\"\\\"",
        "\"\\9\"",
        "\"\\19\"",
        "\"\\129\"",
        "'\\'",
        "'\\9'",
        "'\\19'",
        "'\\129'",
        "'ab'",
        "\"\\x1!\"",
        "\"\\U12345678\"",
        "\"\\z\"",
        "`",
        "`xxx",
        "``x\r",
        "`\"",
        "\"\\'\"",
        "'\\\"'",
        "\"\n\"",
        "\"\\n\n\"",
        "'\n'",
        "\"\\udead\"",
        "\"\\ud83d\\ude4f\"",
        "`1`9`",
        "1231",
        "'\\xF'",
        "\"\"12345\"",
        "'\\400'",
        // what Dapr's runtime passes for data that is not a JSON string, or is missing
        "{\"a\":1}",
        "[1]",
        "42",
        "3.5",
        "true",
        "null",
        // JSON escapes that Go does not know
        "\"a\\/b\"",
        // bare text
        "Hello",
        "<h1>Hi</h1>");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validLiterals")
  void unquotesToTheSameTextAsBytes(String literal, String expected) {
    assertThat(GoUnquote.unquoteToBytes(literal.getBytes(StandardCharsets.UTF_8)))
        .map(bytes -> StandardCharsets.UTF_8.decode(bytes).toString())
        .contains(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidLiterals")
  void rejectsWhatGoRejects(String literal) {
    assertThat(GoUnquote.unquote(literal.getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(GoUnquote.unquoteToBytes(literal.getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void unquotedBytesKeepInvalidUtf8AsItIs() {
    assertThat(GoUnquote.unquoteToBytes(ascii("\"\\xff\"")))
        .map(bytes -> bytes.remaining() == 1 && bytes.get(bytes.position()) == (byte) 0xff)
        .contains(true);
  }

  @Test
  void rejectsEmptyData() {
    assertThat(GoUnquote.unquote(new byte[0])).isEmpty();
  }

  @Test
  void hexAndOctalEscapesAreSingleBytesDecodedAsUtf8() {
    assertThat(GoUnquote.unquote(ascii("\"\\xc3\\xa9\""))).contains("é");
    assertThat(GoUnquote.unquote(ascii("\"\\303\\251\""))).contains("é");
  }

  @Test
  void invalidUtf8BecomesReplacementCharacterPerByte() {
    assertThat(GoUnquote.unquote(bytes('"', 0xc0, '"'))).contains("\ufffd");
    assertThat(GoUnquote.unquote(bytes('"', 'a', 0xc0, '"'))).contains("a\ufffd");
    assertThat(GoUnquote.unquote(bytes('"', '\\', 't', 0xc0, '"'))).contains("\t\ufffd");
    assertThat(GoUnquote.unquote(ascii("\"\\xff\\xfe\""))).contains("\ufffd\ufffd");
  }

  @Test
  void surrogateEncodedInUtf8IsInvalid() {
    assertThat(GoUnquote.unquote(bytes('"', 0xed, 0xa0, 0x80, '"'))).contains("\ufffd\ufffd\ufffd");
  }

  @Test
  void singleQuotedInvalidByteIsOneReplacementCharacter() {
    assertThat(GoUnquote.unquote(bytes('\'', 0xff, '\''))).isEqualTo(Optional.of("\ufffd"));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
