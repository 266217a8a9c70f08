package dev.sesbinding.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The runnable's options: one target, a backend that makes sense, and a message for each mistake.
 */
class RunOptionsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no target | --binding ses | name a target: --http URL, --grpc HOST:PORT, --socket PATH or"
            + " --in-process (see --help)",
        "two targets | --in-process --http http://x | name one target only, not both --in-process and"
            + " --http",
        "unknown option | --in-process --colour | unknown flag --colour (see --help)",
        "no value | --http | --http needs a value",
        "bad backend | --in-process --backend aws | --backend must be moto, localstack or external, not aws",
        "bad readback | --in-process --readback all | --readback must be moto, localstack or none, not all",
        "external without endpoint | --in-process --backend external | --backend external needs"
            + " --backend-endpoint URL",
        "bad profile | --in-process --profile daprd | the profile is dapr or ses-binding, not daprd",
        "grpc without port | --grpc localhost | --grpc takes HOST:PORT, such as 127.0.0.1:50001, not"
            + " localhost"
      })
  void aMistakeIsNamed(String what, String args, String message) {
    assertThatThrownBy(() -> RunOptions.parse(args.split(" "), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  @SuppressWarnings("try") // the binding is opened only to be named, then closed
  void theTokenDefaultsToDaprsVariableAndTheInstanceToTheBinding() throws Exception {
    RunOptions options =
        RunOptions.parse(
            new String[] {"--socket", "/tmp/s.sock", "--binding=mail"},
            Map.of("DAPR_API_TOKEN", "t0ken"));

    assertThat(options.token()).isEqualTo("t0ken");
    assertThat(options.backend()).isEqualTo("moto");
    try (var binding = options.bindingUnderTest()) {
      assertThat(binding.toString()).isEqualTo("the pluggable component on /tmp/s.sock as mail");
    }
  }

  @Test
  void theProfileIsSesBindingUnlessDaprIsAskedFor() {
    assertThat(RunOptions.parse(new String[] {"--in-process"}, Map.of()).profile())
        .isEqualTo(dev.sesbinding.conformance.Profile.SES_BINDING);
    assertThat(
            RunOptions.parse(new String[] {"--in-process", "--profile", "dapr"}, Map.of())
                .profile())
        .isEqualTo(dev.sesbinding.conformance.Profile.DAPR);
  }

  @Test
  void helpNeedsNoTarget() {
    assertThat(RunOptions.parse(new String[] {"--help"}, Map.of()).help()).isTrue();
  }
}
