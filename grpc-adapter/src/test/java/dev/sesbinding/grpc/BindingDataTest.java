package dev.sesbinding.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BindingDataTest {
  private static String of(String data) {
    return new String(
        BindingData.of(data.getBytes(StandardCharsets.UTF_8)).orElseThrow(),
        StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0000',
      emptyValue = "",
      value = {
        "\"<b>Hi</b>\"|\"<b>Hi</b>\"",
        "{\"html\":\"<p>x</p>\"}|{\"html\":\"<p>x</p>\"}",
        "<b>Hi</b>|\"<b>Hi</b>\"",
        "null|null",
        " null |null"
      })
  void reachesTheBindingAsDaprsDataRuleSays(String sent, String expected) {
    assertThat(of(sent).strip()).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void noBytesStayNoBytesSoTheBindingRefusesThemAsDataMissing() {
    assertThat(BindingData.of(new byte[0]).orElseThrow()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void bytesThatAreNotUtf8AreRefused() {
    assertThat(BindingData.of(new byte[] {(byte) 0xff})).isEmpty();
  }
}
