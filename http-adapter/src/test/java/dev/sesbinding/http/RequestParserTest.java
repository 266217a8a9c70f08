package dev.sesbinding.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sesbinding.core.InvokeRequest;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Dapr's runtime decodes the body with Go's encoding/json and re-encodes data with json.Marshal.
 */
class RequestParserTest {

  private static InvokeRequest parse(String body) {
    return RequestParser.parse(Buffer.buffer(body));
  }

  private static String data(String body) {
    return new String(parse(body).data(), StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"data\":\"Hello\"}|\"Hello\"",
        "{\"data\":\"<h1>Hi & bye</h1>\"}|\"\\u003ch1\\u003eHi \\u0026 bye\\u003c/h1\\u003e\"",
        "{\"data\":\"line1\\nline2\"}|\"line1\\nline2\"",
        "{\"data\":\"a\\/b\"}|\"a/b\"",
        "{\"data\":\"\"}|\"\"",
        "{\"data\":{\"b\":1,\"a\":[true,null]}}|{\"a\":[true,null],\"b\":1}",
        "{\"data\":42}|42",
        "{\"data\":4.0}|4",
        "{\"data\":null}|null",
        "{}|null"
      })
  void dataIsReencodedAsGoDoes(String body, String expected) {
    assertThat(data(body)).isEqualTo(expected);
  }

  @Test
  void fieldNamesMatchCaseInsensitively() {
    InvokeRequest request =
        parse("{\"Operation\":\"create\",\"METADATA\":{\"emailTo\":\"a@b.c\"},\"dAtA\":\"x\"}");

    assertThat(request.operation()).isEqualTo("create");
    assertThat(request.metadata()).containsEntry("emailTo", "a@b.c");
    assertThat(request.data()).isEqualTo("\"x\"".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void metadataKeysKeepTheirCase() {
    assertThat(parse("{\"metadata\":{\"EmailTo\":\"x\"}}").metadata()).containsOnlyKeys("EmailTo");
  }

  @Test
  void nullMetadataIsEmpty() {
    assertThat(parse("{\"operation\":\"create\",\"metadata\":null}").metadata()).isEmpty();
  }

  @Test
  void brokenJsonIsMalformed() {
    assertThat(catchThrowableOfType(MalformedRequest.class, () -> parse("{\"data\":")).getMessage())
        .startsWith("failed deserializing HTTP body: invalid JSON: ");
  }

  @Test
  void nestingDeeperThanJacksonsLimitIsMalformedInPlainWords() {
    String deep = "{\"data\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

    assertThat(catchThrowableOfType(MalformedRequest.class, () -> parse(deep)).getMessage())
        .isEqualTo("failed deserializing HTTP body: invalid JSON: nested deeper than 1000 levels");
  }

  @Test
  void lineSeparatorsAndControlCharactersAreEscaped() {
    assertThat(data("{\"data\":\"a\\u2028b\\u0001\"}")).isEqualTo("\"a\\u2028b\\u0001\"");
  }
}
