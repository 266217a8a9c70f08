package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.grpc.ComponentClient;
import dev.sesbinding.grpc.components.v1.MetadataRequest;
import dev.sesbinding.grpc.components.v1.OutputBindingInitRequest;
import dev.sesbinding.grpc.components.v1.PingRequest;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code examples/pluggable}: every manifest parses, and what the files say agrees with the code:
 * the socket folder the pod mounts is the one the component and daprd use, the environment
 * variables are the server's, the component's type names the socket the container serves, and its
 * metadata (secrets filled in from the Secret, as daprd does) initialises an instance.
 */
class PluggableExamplesTest {
  private static final Path EXAMPLES = Readme.ROOT.resolve("examples/pluggable");

  /** Every document of every YAML file under {@code folder}. */
  private static List<Map<String, Object>> documents(Path folder) throws IOException {
    List<Map<String, Object>> documents = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (Reader reader = Files.newBufferedReader(file)) {
          for (Object document :
              new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
            assertThat(document).as("a document of %s", file).isInstanceOf(Map.class);
            documents.add(map(document));
          }
        }
      }
    }
    return documents;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return (List<Object>) value;
  }

  private static Map<String, Object> ofKind(List<Map<String, Object>> documents, String kind) {
    return documents.stream()
        .filter(d -> kind.equals(d.get("kind")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind));
  }

  private static Map<String, Object> container(Map<String, Object> pod, String name) {
    return list(pod.get("containers")).stream()
        .map(PluggableExamplesTest::map)
        .filter(c -> name.equals(c.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container " + name));
  }

  @Test
  void everyExampleManifestParses() throws Exception {
    assertThat(documents(EXAMPLES))
        .hasSizeGreaterThanOrEqualTo(5)
        .allSatisfy(document -> assertThat(document).containsKeys("apiVersion", "kind"));
  }

  @Test
  void theInjectorsSocketVolumeReachesTheContainerTheAnnotationNames() throws Exception {
    List<Map<String, Object>> kubernetes = documents(EXAMPLES.resolve("kubernetes"));
    Map<String, Object> template =
        map(map(ofKind(kubernetes, "Deployment").get("spec")).get("template"));
    Map<String, Object> annotations = map(map(template.get("metadata")).get("annotations"));
    Map<String, Object> pod = map(template.get("spec"));

    String componentContainer = (String) annotations.get("dapr.io/pluggable-components");
    Map<String, Object> component = container(pod, componentContainer);
    List<Map<String, Object>> mounts =
        list(component.get("volumeMounts")).stream().map(PluggableExamplesTest::map).toList();
    Map<String, String> env = new HashMap<>();
    for (Object variable : list(component.get("env"))) {
      env.put((String) map(variable).get("name"), (String) map(variable).get("value"));
    }

    assertThat(annotations).containsEntry("dapr.io/enabled", "true");
    // Dapr's injector (pkg/injector/patcher) mounts its emptyDir dapr-components-unix-domain-socket
    // at the socket folder, unless the container already mounts something there or by that name.
    assertThat(mounts)
        .noneMatch(mount -> Flag.SOCKET_FOLDER.defaultValue().equals(mount.get("mountPath")))
        .noneMatch(mount -> "dapr-components-unix-domain-socket".equals(mount.get("name")));
    assertThat(env.keySet()).isSubsetOf(Stream.of(Flag.values()).map(Flag::env).toList());
    Map<String, Object> remembered =
        mounts.stream()
            .filter(m -> m.get("mountPath").equals(env.get(Flag.REMEMBER_INSTANCES.env())))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the remembered instances' folder is mounted"));
    Map<String, Object> volume =
        list(pod.get("volumes")).stream()
            .map(PluggableExamplesTest::map)
            .filter(v -> remembered.get("name").equals(v.get("name")))
            .findFirst()
            .orElseThrow();
    assertThat(map(volume.get("emptyDir")))
        .as("secrets stay in memory")
        .containsEntry("medium", "Memory");
    assertThat(component.get("livenessProbe").toString())
        .contains("/" + env.get(Flag.PLUGGABLE.env()) + ".sock");
  }

  @Test
  void theKubernetesComponentIsScopedToTheAppThatRunsItsContainer() throws Exception {
    List<Map<String, Object>> kubernetes = documents(EXAMPLES.resolve("kubernetes"));
    Map<String, Object> annotations =
        map(
            map(map(map(ofKind(kubernetes, "Deployment").get("spec")).get("template"))
                    .get("metadata"))
                .get("annotations"));

    assertThat(list(ofKind(kubernetes, "Component").get("scopes")))
        .containsExactly(annotations.get("dapr.io/app-id"));
  }

  @Test
  void theImageIsBuiltFromTheJarAloneOnAFullyQualifiedBase() throws Exception {
    List<String> dockerfile = Files.readAllLines(EXAMPLES.resolve("Dockerfile"));
    List<String> ignored = Files.readAllLines(Readme.ROOT.resolve(".dockerignore"));

    assertThat(dockerfile).anyMatch(line -> line.matches("FROM docker\\.io/library/\\S+:\\S+"));
    assertThat(ignored).contains("*", "!server/target/ses-binding-server.jar");
  }

  @Test
  void theKubernetesComponentInitialisesAnInstanceOfTheSocketItsTypeNames(@TempDir Path sockets)
      throws Exception {
    List<Map<String, Object>> kubernetes = documents(EXAMPLES.resolve("kubernetes"));
    Map<String, Object> pod =
        map(map(map(ofKind(kubernetes, "Deployment").get("spec")).get("template")).get("spec"));
    Map<String, String> env = new HashMap<>();
    for (Object variable : list(container(pod, "ses-binding").get("env"))) {
      env.put((String) map(variable).get("name"), (String) map(variable).get("value"));
    }
    Map<String, Object> secret = map(ofKind(kubernetes, "Secret").get("stringData"));
    Map<String, Object> spec = map(ofKind(kubernetes, "Component").get("spec"));
    String componentName =
        (String) map(ofKind(kubernetes, "Component").get("metadata")).get("name");
    Map<String, String> properties = new HashMap<>();
    for (Object item : list(spec.get("metadata"))) {
      Map<String, Object> entry = map(item);
      Object value =
          entry.containsKey("secretKeyRef")
              ? secret.get(map(entry.get("secretKeyRef")).get("key"))
              : entry.get("value");
      assertThat(value).as("metadata %s", entry.get("name")).isNotNull();
      properties.put((String) entry.get("name"), value.toString());
    }

    ServerOptions options =
        ServerOptions.fromArgs(
            new String[] {"--components-socket-folder", sockets.toString(), "--metrics-port", "0"},
            env);
    PluggableServer served = PluggableServer.start(options);
    try (ComponentClient daprd =
        ComponentClient.connect(sockets.resolve(options.pluggable() + ".sock"))) {
      assertThat(ComponentClient.componentType(ComponentClient.sockets(sockets).get(0)))
          .isEqualTo(spec.get("type"));
      daprd
          .blocking(componentName)
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .init(
              OutputBindingInitRequest.newBuilder()
                  .setMetadata(MetadataRequest.newBuilder().putAllProperties(properties))
                  .build());
      daprd
          .blocking(componentName)
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .ping(PingRequest.getDefaultInstance());
      assertThat(served.component().instances()).isEqualTo(1);
    } finally {
      served.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void theStandaloneComponentNamesTheSocketTheWalkThroughStarts() throws Exception {
    Map<String, Object> binding =
        documents(EXAMPLES.resolve("components")).stream()
            .filter(d -> map(d.get("spec")).get("type").toString().startsWith("bindings."))
            .findFirst()
            .orElseThrow();
    String readme = Files.readString(EXAMPLES.resolve("README.md"));

    String type = (String) map(binding.get("spec")).get("type");
    assertThat(readme)
        .contains("--pluggable " + type.substring("bindings.".length()))
        .contains("/v1.0/bindings/" + map(binding.get("metadata")).get("name"))
        .contains(Flag.SOCKET_FOLDER.defaultValue())
        .contains(Flag.SOCKET_FOLDER.env())
        .contains(ServerOptions.DAPRD_SOCKET_FOLDER_ENV);
  }
}
