package dev.sesbinding.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgvTest {

  @Test
  void readsSpacedAndEqualsValuesAndSwitchesInOrder() {
    assertThat(
            Argv.parse(
                new String[] {"--a", "1", "--b=x=y", "--help", "--a", ""},
                Set.of("--a", "--b"),
                Set.of("--help")))
        .containsExactly(
            new Argv.Option("--a", "1"),
            new Argv.Option("--b", "x=y"),
            new Argv.Option("--help", ""),
            new Argv.Option("--a", ""));
  }

  @Test
  void aSwitchTakesAValueOnlyAfterAnEqualsSign() {
    assertThat(
            Argv.parse(
                new String[] {"--json", "--json=false", "--a", "1"},
                Set.of("--a"),
                Set.of("--json")))
        .containsExactly(
            new Argv.Option("--json", ""),
            new Argv.Option("--json", "false"),
            new Argv.Option("--a", "1"));
  }

  @Test
  void aFlagWithoutItsValueIsRefusedByName() {
    assertThatThrownBy(() -> Argv.parse(new String[] {"--port"}, Set.of("--port"), Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--port needs a value");
  }

  @Test
  void anUnknownFlagIsRefusedByNameBeforeItsValue() {
    assertThatThrownBy(() -> Argv.parse(new String[] {"--colour"}, Set.of("--port"), Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown flag --colour (see --help)");
  }
}
