package dev.sesbinding.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {

  @ParameterizedTest(name = "{0} is {1} bytes")
  @CsvSource({
    "1048576, 1048576",
    "4Mi, 4194304",
    "4mi, 4194304",
    "512Ki, 524288",
    "1Gi, 1073741824",
    "2 k, 2000",
    "3kb, 3000",
    "5M, 5000000",
    "6mb, 6000000",
    "1g, 1000000000",
    "7b, 7",
    "' 16Mi ', 16777216"
  })
  void readsEveryUnitOfTheOneGrammar(String text, long bytes) {
    assertThat(Sizes.parse(text)).hasValue(bytes);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {"", "Mi", "-1", "1.5Mi", "4 MiB", "4Ti", "99999999999999999999", "9999999999Gi"})
  void refusesWhatIsNotASize(String text) {
    assertThat(Sizes.parse(text)).isEmpty();
  }

  @ParameterizedTest(name = "{0} bytes is {1}")
  @CsvSource({"4194304, 4Mi", "524288, 512Ki", "1073741824, 1Gi", "1000, 1000", "0, 0"})
  void writesSizesAsTheGrammarReadsThem(long bytes, String text) {
    assertThat(Sizes.format(bytes)).isEqualTo(text);
    assertThat(Sizes.parse(text)).hasValue(bytes);
  }
}
