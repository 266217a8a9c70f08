package dev.sesbinding.server.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sesbinding.components.ComponentDefinition;
import dev.sesbinding.components.ComponentException;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Component YAML on disk to resolved metadata, through vertx-config (local files only, no network).
 */
class ComponentLoaderTest {
  private final Vertx vertx = Vertx.vertx();
  @TempDir Path folder;

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private List<ComponentDefinition> load(Path... folders) throws Exception {
    return ComponentLoader.load(vertx, List.of(folders)).await(10, TimeUnit.SECONDS);
  }

  private Throwable loadFailure() {
    return catchThrowable(() -> load(folder));
  }

  private Map<String, String> resolved(
      List<ComponentDefinition> definitions, String name, Map<String, String> env)
      throws Exception {
    SecretStores stores = SecretStores.load(vertx, definitions, env).await(10, TimeUnit.SECONDS);
    return stores.resolve(
        definitions.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow());
  }

  private static String component(String name, String metadata) {
    return "apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: "
        + name
        + "\nspec:\n"
        + "  type: bindings.aws.ses\n  version: v1\n  metadata:\n"
        + metadata;
  }

  @Test
  void readsSeveralComponentsFromOneFileSeparatedByDashes() throws Exception {
    Files.writeString(
        folder.resolve("all.yaml"),
        component("first", "  - name: region\n    value: eu-west-1\n")
            + "---\n"
            + component("second", "  - name: region\n    value: us-east-1\n"));

    List<ComponentDefinition> definitions = load(folder);

    assertThat(definitions)
        .extracting(ComponentDefinition::name)
        .containsExactly("first", "second");
    assertThat(resolved(definitions, "second", Map.of())).containsEntry("region", "us-east-1");
  }

  @Test
  void readsEveryYamlFileInNameOrderAndKeepsComponentsApart() throws Exception {
    Files.writeString(
        folder.resolve("b.yml"), component("bee", "  - name: subject\n    value: from b\n"));
    Files.writeString(
        folder.resolve("a.yaml"), component("ay", "  - name: subject\n    value: from a\n"));
    Files.writeString(folder.resolve("notes.txt"), "not a component");

    List<ComponentDefinition> definitions = load(folder);

    assertThat(definitions).extracting(ComponentDefinition::name).containsExactly("ay", "bee");
    assertThat(resolved(definitions, "ay", Map.of())).containsEntry("subject", "from a");
    assertThat(resolved(definitions, "bee", Map.of())).containsEntry("subject", "from b");
  }

  @Test
  void readsSeveralFolders(@TempDir Path other) throws Exception {
    Files.writeString(folder.resolve("one.yaml"), component("one", ""));
    Files.writeString(other.resolve("two.yaml"), component("two", ""));

    assertThat(load(folder, other))
        .extracting(ComponentDefinition::name)
        .containsExactly("one", "two");
  }

  @Test
  void scalarsStayStringsAsWritten() throws Exception {
    Files.writeString(
        folder.resolve("c.yaml"),
        component(
            "typed",
            """
              - name: outboxCapacity
                value: 50
              - name: flag
                value: yes
              - name: ratio
                value: 1.50
              - name: day
                value: 2026-01-01
              - name: empty
                value:
            """));

    Map<String, String> metadata = resolved(load(folder), "typed", Map.of());

    assertThat(metadata)
        .containsEntry("outboxCapacity", "50")
        .containsEntry("flag", "yes")
        .containsEntry("ratio", "1.50")
        .containsEntry("day", "2026-01-01")
        .containsEntry("empty", "");
  }

  @Test
  void otherKindsOfDocumentAreIgnored() throws Exception {
    Files.writeString(
        folder.resolve("c.yaml"),
        "apiVersion: dapr.io/v1alpha1\nkind: Configuration\nmetadata:\n"
            + "  name: config\nspec: {}\n---\n"
            + component("ses", ""));

    assertThat(load(folder)).extracting(ComponentDefinition::name).containsExactly("ses");
  }

  @Test
  void envRefTakesTheEnvironmentValue() throws Exception {
    Files.writeString(
        folder.resolve("c.yaml"), component("ses", "  - name: region\n    envRef: MY_REGION\n"));

    assertThat(resolved(load(folder), "ses", Map.of("MY_REGION", "ap-south-1")))
        .containsEntry("region", "ap-south-1");
  }

  @Test
  void missingEnvRefNamesComponentKeyAndVariable() throws Exception {
    Files.writeString(
        folder.resolve("c.yaml"), component("ses", "  - name: region\n    envRef: MY_REGION\n"));

    Throwable failure = catchThrowable(() -> resolved(load(folder), "ses", Map.of()));

    assertThat(failure)
        .isInstanceOf(ComponentException.class)
        .hasMessage(
            "component ses: metadata key region: envRef MY_REGION is not set in the environment");
  }

  @Test
  void secretKeyRefResolvesThroughALocalEnvStore() throws Exception {
    Files.writeString(
        folder.resolve("c.yaml"),
        "apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n"
            + "  name: envstore\nspec:\n  type: secretstores.local.env\n  version: v1\n---\n"
            + component(
                "ses",
                "  - name: secretKey\n    secretKeyRef:\n      name: AWS_SECRET\n      key: AWS_SECRET\n")
            + "auth:\n  secretStore: envstore\n");

    assertThat(resolved(load(folder), "ses", Map.of("AWS_SECRET", "s3cr3t")))
        .containsEntry("secretKey", "s3cr3t");
  }

  @Test
  void secretKeyRefResolvesThroughALocalFileStoreWithNestedKeys() throws Exception {
    Path secrets = folder.resolve("secrets.json");
    Files.writeString(secrets, "{\"aws\":{\"accessKey\":\"AKIA1\",\"secretKey\":\"s3cr3t\"}}");
    Files.writeString(
        folder.resolve("c.yaml"),
        "apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n"
            + "  name: files\nspec:\n  type: secretstores.local.file\n  version: v1\n  metadata:\n"
            + "  - name: secretsFile\n    value: "
            + secrets
            + "\n---\n"
            + component(
                "ses",
                "  - name: secretKey\n    secretKeyRef:\n      name: aws:secretKey\n      key: aws:secretKey\n")
            + "auth:\n  secretStore: files\n");

    assertThat(resolved(load(folder), "ses", Map.of())).containsEntry("secretKey", "s3cr3t");
  }

  @Test
  void missingSecretsFileNamesTheStoreAndTheFile() throws Exception {
    Path missing = folder.resolve("nope.json");
    Files.writeString(
        folder.resolve("c.yaml"),
        "apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n"
            + "  name: files\nspec:\n  type: secretstores.local.file\n  version: v1\n  metadata:\n"
            + "  - name: secretsFile\n    value: "
            + missing
            + "\n");

    Throwable failure =
        catchThrowable(
            () -> SecretStores.load(vertx, load(folder), Map.of()).await(10, TimeUnit.SECONDS));

    assertThat(failure)
        .isInstanceOf(ComponentException.class)
        .hasMessageStartingWith("component files: cannot read secretsFile " + missing);
  }

  @Test
  void fileStoreWithoutSecretsFileIsNamed() throws Exception {
    Files.writeString(
        folder.resolve("c.yaml"),
        """
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: files
        spec:
          type: secretstores.local.file
          version: v1
        """);

    assertThat(
            catchThrowable(
                () -> SecretStores.load(vertx, load(folder), Map.of()).await(10, TimeUnit.SECONDS)))
        .hasMessage(
            "component files: metadata key secretsFile is missing (the JSON file that holds the secrets)");
  }

  @Test
  void secretKeyRefWithoutSecretStoreIsNamed() throws Exception {
    Files.writeString(
        folder.resolve("c.yaml"),
        component("ses", "  - name: secretKey\n    secretKeyRef:\n      name: x\n      key: x\n"));

    Throwable failure = catchThrowable(() -> resolved(load(folder), "ses", Map.of()));

    assertThat(failure)
        .hasMessage(
            "component ses: metadata key secretKey: secretKeyRef needs auth.secretStore naming"
                + " a secretstores.local.env or secretstores.local.file component");
  }

  @Test
  void missingSecretIsNamedWithoutAnyValue() throws Exception {
    Files.writeString(
        folder.resolve("c.yaml"),
        "apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n"
            + "  name: envstore\nspec:\n  type: secretstores.local.env\n  version: v1\n---\n"
            + component(
                "ses",
                "  - name: secretKey\n    secretKeyRef:\n      name: NOPE\n      key: NOPE\n")
            + "auth:\n  secretStore: envstore\n");

    Throwable failure =
        catchThrowable(() -> resolved(load(folder), "ses", Map.of("OTHER", "TopSecretValue")));

    assertThat(failure)
        .hasMessage(
            "component ses: metadata key secretKey: secret store envstore has no secret NOPE"
                + " with key NOPE");
  }

  @Test
  void duplicateComponentNamesAreAnError() throws Exception {
    Files.writeString(folder.resolve("a.yaml"), component("ses", ""));
    Files.writeString(folder.resolve("b.yaml"), component("ses", ""));

    assertThat(loadFailure())
        .isInstanceOf(ComponentException.class)
        .hasMessageStartingWith(
            "component ses is declared twice (again in "
                + folder.resolve("b.yaml")
                + " (document 1)");
  }

  @Test
  void missingFolderIsNamed() {
    Throwable failure = catchThrowable(() -> load(folder.resolve("nope")));

    assertThat(failure)
        .isInstanceOf(ComponentException.class)
        .hasMessageContaining("nope does not exist");
  }

  @Test
  void invalidYamlNamesTheFile() throws Exception {
    Files.writeString(folder.resolve("broken.yaml"), "apiVersion: [unclosed\n");

    assertThat(loadFailure())
        .isInstanceOf(ComponentException.class)
        .hasMessage(
            folder.resolve("broken.yaml")
                + ": not valid YAML: expected ',' or ']', but got <stream end> (while parsing a flow"
                + " sequence) at line 2, column 1");
  }

  /** SnakeYAML's own messages quote the offending line, and with it the secret on that line. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "flow sequence in a plain value | '  - name: secretKey\\n    value: SuperSecretValue123: [oops\\n'",
        "unterminated quote | '  - name: secretKey\\n    value: \"SuperSecretValue123\\n'",
        "duplicate key | '  - name: secretKey\\n    value: SuperSecretValue123\\n    value: SuperSecretValue123\\n'"
      })
  void malformedYamlIsNamedByFileAndLineWithoutTheValue(String what, String items)
      throws Exception {
    Files.writeString(folder.resolve("ses.yaml"), component("ses", items.replace("\\n", "\n")));

    Throwable failure = loadFailure();

    assertThat(failure)
        .isInstanceOf(ComponentException.class)
        .hasMessageStartingWith(folder.resolve("ses.yaml") + ": not valid YAML: ")
        .hasMessageContaining(" at line ");
    assertThat(failure.toString()).doesNotContain("SuperSecret");
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      assertThat(cause.getMessage())
          .as("%s in the cause chain", what)
          .doesNotContain("SuperSecret");
    }
  }

  @Test
  void resourcesPathThatIsAFileIsNamed() throws Exception {
    Path file = Files.writeString(folder.resolve("components.txt"), "");

    assertThat(catchThrowable(() -> load(file)))
        .hasMessage("resources path " + file + " is not a folder (set it with --resources-path)");
  }

  @Test
  void brokenLinkIsNamedWithItsTarget() throws Exception {
    Files.createSymbolicLink(folder.resolve("ses.yaml"), folder.resolve("gone.yaml"));

    assertThat(loadFailure())
        .hasMessage(
            folder.resolve("ses.yaml")
                + " is a broken link (to "
                + folder.resolve("gone.yaml")
                + ")");
  }

  @Test
  void folderNamedLikeAComponentFileIsNamed() throws Exception {
    Files.createDirectory(folder.resolve("ses.yaml"));

    assertThat(loadFailure())
        .hasMessage(folder.resolve("ses.yaml") + " is a folder, not a component file");
  }

  @Test
  void unreadableFileIsNamed() throws Exception {
    Path file = Files.writeString(folder.resolve("ses.yaml"), component("ses", ""));
    Files.setPosixFilePermissions(file, java.util.Set.of());
    org.junit.jupiter.api.Assumptions.assumeFalse(
        Files.isReadable(file), "this user (root) reads every file, so no file is unreadable here");

    assertThat(loadFailure()).hasMessage(file + " cannot be read: this user may not read it");
  }

  @Test
  void componentWithoutTypeIsNamed() throws Exception {
    Files.writeString(
        folder.resolve("c.yaml"),
        """
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: ses
        spec:
          version: v1
        """);

    assertThat(loadFailure())
        .hasMessage(
            "component ses (" + folder.resolve("c.yaml") + " (document 1)): spec.type is missing");
  }

  @Test
  void theExampleComponentsLoad() throws Exception {
    List<ComponentDefinition> outbox = load(Path.of("..", "examples", "components"));
    List<ComponentDefinition> aws = load(Path.of("..", "examples", "components-aws"));

    assertThat(resolved(outbox, "ses", Map.of())).containsEntry("transport", "outbox");
    assertThat(
            resolved(
                aws,
                "ses",
                Map.of(
                    "AWS_REGION",
                    "eu-west-1",
                    "AWS_ACCESS_KEY_ID",
                    "AKIA1",
                    "AWS_SECRET_ACCESS_KEY",
                    "s3cr3t",
                    "SES_EMAIL_FROM",
                    "me@example.com")))
        .containsEntry("region", "eu-west-1")
        .containsEntry("secretKey", "s3cr3t");
  }
}
