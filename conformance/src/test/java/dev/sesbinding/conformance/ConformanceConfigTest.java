package dev.sesbinding.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConformanceConfigTest {

  @Test
  void substitutesUuidAndVariables() {
    assertThat(
            ConformanceConfig.substitute(
                "to-$((uuid))@${{DOMAIN}}", "u-1", Map.of("DOMAIN", "example.com")))
        .isEqualTo("to-u-1@example.com");
  }

  @Test
  void missingVariableIsDaprsError() {
    assertThat(
            catchThrowable(
                () ->
                    ConformanceConfig.substitute(
                        "${{SES_BINDING_NOT_SET_ANYWHERE}}", "u", Map.of())))
        .hasMessage("required env var is not set SES_BINDING_NOT_SET_ANYWHERE");
  }

  @Test
  void defaultConfigurationHasTheSesComponentWithItsOutput() {
    ConformanceComponent component =
        ConformanceConfig.load()
            .components(
                Map.of(
                    "SES_ENDPOINT",
                    "http://127.0.0.1:1",
                    "SES_REGION",
                    "eu-west-1",
                    "SES_ACCESS_KEY",
                    "AKIA1",
                    "SES_SECRET_KEY",
                    "TopSecretValue",
                    "SES_SENDER",
                    "s@example.com"))
            .get(0);

    assertThat(component.name()).isEqualTo("ses");
    assertThat(component.metadata()).containsEntry("endpoint", "http://127.0.0.1:1");
    assertThat(component.output().get("subject"))
        .startsWith("Conformance ")
        .doesNotContain("$((uuid))");
    assertThat(component.operations()).containsExactly("create", "operations");
    assertThat(component.toString()).doesNotContain("TopSecretValue");
  }
}
