package dev.sesbinding.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvokeRequestTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Hello|\"Hello\"",
        "say \"hi\"|\"say \\\"hi\\\"\"",
        "back\\slash|\"back\\\\slash\"",
        "<b>&</b>|\"<b>&</b>\""
      })
  void stringDataIsEncodedAsAJsonString(String text, String json) {
    InvokeRequest request = InvokeRequest.ofStringData("create", text, Map.of());

    assertThat(new String(request.data(), StandardCharsets.UTF_8)).isEqualTo(json);
  }

  @org.junit.jupiter.api.Test
  void controlCharactersAndLoneSurrogatesAreEscaped() {
    InvokeRequest request = InvokeRequest.ofStringData("create", "a\nb\u0001\ud800", Map.of());

    assertThat(new String(request.data(), StandardCharsets.UTF_8))
        .isEqualTo("\"a\\nb\\u0001\\ufffd\"");
  }

  @Test
  void dataAndMetadataAreCopied() {
    byte[] data = {'"', 'a', '"'};
    Map<String, String> metadata = new HashMap<>(Map.of("subject", "s"));
    InvokeRequest request = InvokeRequest.of("create", data, metadata);
    data[1] = 'b';
    metadata.put("emailTo", "x@example.com");
    request.data()[1] = 'c';

    assertThat(request.data()).containsExactly('"', 'a', '"');
    assertThat(request.metadata()).containsOnlyKeys("subject");
  }

  @Test
  void equalityIsByValue() {
    assertThat(InvokeRequest.ofStringData("create", "x", Map.of("a", "b")))
        .isEqualTo(InvokeRequest.ofStringData("create", "x", Map.of("a", "b")))
        .hasSameHashCodeAs(InvokeRequest.ofStringData("create", "x", Map.of("a", "b")));
  }

  @Test
  void toStringShowsNoBodyAndNoMetadataValue() {
    InvokeRequest request =
        InvokeRequest.ofStringData(
            "create", "private body", Map.of("emailTo", "person@example.com"));

    assertThat(request.toString())
        .isEqualTo("InvokeRequest[operation=create, data=14 bytes, metadata=[emailTo]]");
  }

  @Test
  void nullsBecomeEmpty() {
    InvokeRequest request = InvokeRequest.of(null, null, null);

    assertThat(request.operation()).isEmpty();
    assertThat(request.data()).isEmpty();
    assertThat(request.metadata()).isEmpty();
  }
}
