package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.grpc.ComponentClient;
import dev.sesbinding.grpc.components.v1.MetadataRequest;
import dev.sesbinding.grpc.components.v1.OutputBindingInitRequest;
import dev.sesbinding.grpc.components.v1.PingRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/pluggable}: every manifest parses, and what the files say agrees with the code:
 * the socket folder the pod mounts is the one the component and daprd use, the environment
 * variables are the server's, the component's type names the socket the container serves, and its
 * metadata (secrets filled in from the Secret, as daprd does) initialises an instance.
 */
class PluggableExamplesTest {
  private static final Path EXAMPLES = Readme.ROOT.resolve("examples/pluggable");

  private static Map<String, Object> ofKind(List<Map<String, Object>> documents, String kind) {
    return documents.stream()
        .filter(d -> kind.equals(d.get("kind")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind));
  }

  private static Map<String, Object> container(Map<String, Object> pod, String name) {
    return Manifests.list(pod.get("containers")).stream()
        .map(Manifests::map)
        .filter(c -> name.equals(c.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container " + name));
  }

  @Test
  void everyExampleManifestParses() throws Exception {
    assertThat(Manifests.documents(EXAMPLES))
        .hasSizeGreaterThanOrEqualTo(5)
        .allSatisfy(document -> assertThat(document).containsKeys("apiVersion", "kind"));
  }

  @Test
  void theInjectorsSocketVolumeReachesTheContainerTheAnnotationNames() throws Exception {
    List<Map<String, Object>> kubernetes = Manifests.documents(EXAMPLES.resolve("kubernetes"));
    Map<String, Object> template =
        Manifests.map(Manifests.map(ofKind(kubernetes, "Deployment").get("spec")).get("template"));
    Map<String, Object> annotations =
        Manifests.map(Manifests.map(template.get("metadata")).get("annotations"));
    Map<String, Object> pod = Manifests.map(template.get("spec"));

    String componentContainer = (String) annotations.get("dapr.io/pluggable-components");
    Map<String, Object> component = container(pod, componentContainer);
    List<Map<String, Object>> mounts =
        Manifests.list(component.get("volumeMounts")).stream().map(Manifests::map).toList();
    Map<String, String> env = new HashMap<>();
    for (Object variable : Manifests.list(component.get("env"))) {
      env.put(
          (String) Manifests.map(variable).get("name"),
          (String) Manifests.map(variable).get("value"));
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
        Manifests.list(pod.get("volumes")).stream()
            .map(Manifests::map)
            .filter(v -> remembered.get("name").equals(v.get("name")))
            .findFirst()
            .orElseThrow();
    assertThat(Manifests.map(volume.get("emptyDir")))
        .as("secrets stay in memory")
        .containsEntry("medium", "Memory");
    assertThat(component.get("livenessProbe").toString())
        .contains("/" + env.get(Flag.PLUGGABLE.env()) + ".sock");
  }

  @Test
  void theKubernetesComponentIsScopedToTheAppThatRunsItsContainer() throws Exception {
    List<Map<String, Object>> kubernetes = Manifests.documents(EXAMPLES.resolve("kubernetes"));
    Map<String, Object> annotations =
        Manifests.map(
            Manifests.map(
                    Manifests.map(
                            Manifests.map(ofKind(kubernetes, "Deployment").get("spec"))
                                .get("template"))
                        .get("metadata"))
                .get("annotations"));

    assertThat(Manifests.list(ofKind(kubernetes, "Component").get("scopes")))
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
    List<Map<String, Object>> kubernetes = Manifests.documents(EXAMPLES.resolve("kubernetes"));
    Map<String, Object> pod =
        Manifests.map(
            Manifests.map(
                    Manifests.map(ofKind(kubernetes, "Deployment").get("spec")).get("template"))
                .get("spec"));
    Map<String, String> env = new HashMap<>();
    for (Object variable : Manifests.list(container(pod, "ses-binding").get("env"))) {
      env.put(
          (String) Manifests.map(variable).get("name"),
          (String) Manifests.map(variable).get("value"));
    }
    Map<String, Object> secret = Manifests.map(ofKind(kubernetes, "Secret").get("stringData"));
    Map<String, Object> spec = Manifests.map(ofKind(kubernetes, "Component").get("spec"));
    String componentName =
        (String) Manifests.map(ofKind(kubernetes, "Component").get("metadata")).get("name");
    Map<String, String> properties = new HashMap<>();
    for (Object item : Manifests.list(spec.get("metadata"))) {
      Map<String, Object> entry = Manifests.map(item);
      Object value =
          entry.containsKey("secretKeyRef")
              ? secret.get(Manifests.map(entry.get("secretKeyRef")).get("key"))
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
        Manifests.documents(EXAMPLES.resolve("components")).stream()
            .filter(
                d -> Manifests.map(d.get("spec")).get("type").toString().startsWith("bindings."))
            .findFirst()
            .orElseThrow();
    String readme = Files.readString(EXAMPLES.resolve("README.md"));

    String type = (String) Manifests.map(binding.get("spec")).get("type");
    assertThat(readme)
        .contains("--pluggable " + type.substring("bindings.".length()))
        .contains("/v1.0/bindings/" + Manifests.map(binding.get("metadata")).get("name"))
        .contains(Flag.SOCKET_FOLDER.defaultValue())
        .contains(Flag.SOCKET_FOLDER.env())
        .contains(ServerOptions.DAPRD_SOCKET_FOLDER_ENV);
  }
}
