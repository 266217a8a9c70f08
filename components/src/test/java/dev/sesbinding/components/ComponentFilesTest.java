package dev.sesbinding.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one reader of component files; the server's tests ({@code ComponentLoaderTest}) cover the
 * folders and secret stores through it.
 */
class ComponentFilesTest {
  private static final String SES =
      """
      apiVersion: dapr.io/v1alpha1
      kind: Component
      metadata:
        name: ses
      spec:
        type: bindings.aws.ses
        version: v1
        metadata:
        - name: region
          envRef: SES_REGION
        - name: maxSendRate
          value: 14
        - name: debug
          value: yes
      ---
      apiVersion: dapr.io/v1alpha1
      kind: Configuration
      metadata:
        name: tracing
      """;

  private static final ComponentDefinition.SecretRefs NO_SECRETS =
      (component, item, where) -> {
        throw new ComponentException(where + "no secrets here");
      };

  @Test
  void readsComponentsOnlyAndKeepsEveryScalarAString() {
    List<ComponentDefinition> components = ComponentFiles.parse(SES, "ses.yaml");

    assertThat(components).extracting(ComponentDefinition::name).containsExactly("ses");
    assertThat(components.get(0).resolve(Map.of("SES_REGION", "eu-west-1"), NO_SECRETS))
        .containsExactly(
            Map.entry("region", "eu-west-1"),
            Map.entry("maxSendRate", "14"),
            Map.entry("debug", "yes"));
  }

  @Test
  void anEnvRefThatIsNotSetIsAnErrorNamingComponentKeyAndVariableNeverAnEmptyValue() {
    ComponentDefinition ses = ComponentFiles.parse(SES, "ses.yaml").get(0);

    assertThatThrownBy(() -> ses.resolve(Map.of(), NO_SECRETS))
        .isInstanceOf(ComponentException.class)
        .hasMessage(
            "component ses: metadata key region: envRef SES_REGION is not set in the environment");
  }

  @Test
  void invalidYamlIsNamedByFileAndLineWithoutItsText() {
    assertThatThrownBy(
            () ->
                ComponentFiles.parse(
                    "kind: Component\nspec:\n  metadata:\n  - value: s3cr3t: [oops\n", "bad.yaml"))
        .isInstanceOf(ComponentException.class)
        .hasMessageStartingWith("bad.yaml: not valid YAML: ")
        .hasMessageContaining("line 4")
        .hasMessageNotContaining("s3cr3t");
  }
}
