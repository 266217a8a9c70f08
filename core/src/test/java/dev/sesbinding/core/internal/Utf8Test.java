package dev.sesbinding.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

  private static byte[] hex(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "41", "c3a9", "e282ac", "f09f9880", "efbfbd", "f48fbfbf"})
  void acceptsWellFormedUtf8(String bytes) {
    assertThat(Utf8.isValid(hex(bytes))).isTrue();
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {"ff", "80", "c0af", "c3", "e282", "eda080", "f4908080", "f8888080", "22ff22"})
  void refusesWhatIsNotUtf8(String bytes) {
    assertThat(Utf8.isValid(hex(bytes))).isFalse();
  }

  @Test
  void agreesWithTheJdksStrictDecoderOnRandomBytes() {
    Random random = new Random(42);
    for (int n = 0; n < 20_000; n++) {
      byte[] bytes = new byte[random.nextInt(8)];
      random.nextBytes(bytes);
      assertThat(Utf8.isValid(bytes))
          .as("%s", java.util.HexFormat.of().formatHex(bytes))
          .isEqualTo(jdk(bytes));
    }
  }

  private static boolean jdk(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
