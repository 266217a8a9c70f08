package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/kubernetes}: the server as an app's sidecar. Images cannot be pulled here, so the
 * manifests are checked against the code: the flags and variables exist and parse, the ports the
 * app, the probes and Prometheus's annotations use are the server's, the memory limit holds the
 * README's JVM bounds, and the ConfigMap's components, with the Secret's values, start a server
 * that answers the probe path and /metrics.
 */
class KubernetesExampleTest {
  private static final Path EXAMPLE = Readme.ROOT.resolve("examples/kubernetes");

  private static List<Map<String, Object>> documents() throws IOException {
    return Manifests.documents(EXAMPLE);
  }

  private static Map<String, Object> ofKind(String kind) throws IOException {
    return documents().stream()
        .filter(d -> kind.equals(d.get("kind")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind));
  }

  private static Map<String, Object> template() throws IOException {
    return Manifests.map(Manifests.map(ofKind("Deployment").get("spec")).get("template"));
  }

  private static Map<String, Object> container(String name) throws IOException {
    return Manifests.list(Manifests.map(template().get("spec")).get("containers")).stream()
        .map(Manifests::map)
        .filter(c -> name.equals(c.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container " + name));
  }

  /** The container's variables; those from a Secret get the Secret's value. */
  private static Map<String, String> env(Map<String, Object> container) throws IOException {
    Map<String, Object> secret = Manifests.map(ofKind("Secret").get("stringData"));
    Map<String, String> env = new HashMap<>();
    for (Object item : Manifests.list(container.get("env"))) {
      Map<String, Object> variable = Manifests.map(item);
      Object value = variable.get("value");
      if (variable.containsKey("valueFrom")) {
        Map<String, Object> from = Manifests.map(variable.get("valueFrom"));
        value =
            from.containsKey("secretKeyRef")
                ? secret.get(Manifests.map(from.get("secretKeyRef")).get("key"))
                : "default";
      }
      env.put((String) variable.get("name"), String.valueOf(value));
    }
    return env;
  }

  private static List<String> args() throws IOException {
    return Manifests.list(container("ses-binding").get("args")).stream()
        .map(String::valueOf)
        .toList();
  }

  private static int probePort(String probe) throws IOException {
    return (Integer)
        Manifests.map(Manifests.map(container("ses-binding").get(probe)).get("httpGet"))
            .get("port");
  }

  @Test
  void theServersFlagsAndVariablesParseAndItsPortsAreTheOnesTheAppAndProbesUse() throws Exception {
    Map<String, String> env = env(container("ses-binding"));
    ServerOptions options = ServerOptions.fromArgs(args().toArray(String[]::new), env);
    Map<String, String> app = env(container("orders"));
    Map<String, Object> annotations =
        Manifests.map(Manifests.map(template().get("metadata")).get("annotations"));

    assertThat(env.keySet())
        .allMatch(
            name ->
                Stream.of(Flag.values()).anyMatch(flag -> flag.env().equals(name))
                    || List.of("NAMESPACE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")
                        .contains(name));
    assertThat(options.httpPort()).isEqualTo(Integer.parseInt(app.get("DAPR_HTTP_PORT")));
    assertThat(options.grpcPort()).isEqualTo(Integer.parseInt(app.get("DAPR_GRPC_PORT")));
    assertThat(options.listenAddress()).isEqualTo("127.0.0.1");
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      assertThat(probePort(probe)).as(probe).isEqualTo(options.httpPort());
    }
    assertThat(options.metricsEnabled()).isTrue();
    assertThat(options.metricsListenAddress()).isEqualTo("0.0.0.0");
    assertThat(annotations)
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", Integer.toString(options.metricsPort()))
        .containsEntry("prometheus.io/path", MetricsServer.PATH);
    assertThat(Manifests.list(container("ses-binding").get("ports")).stream().map(Manifests::map))
        .anySatisfy(port -> assertThat(port.get("containerPort")).isEqualTo(options.metricsPort()));
    assertThat(options.logAsJson()).isTrue();
    Map<String, Object> mount =
        Manifests.map(Manifests.list(container("ses-binding").get("volumeMounts")).get(0));
    assertThat(options.resourcesPaths()).containsExactly(Path.of((String) mount.get("mountPath")));
  }

  @Test
  void theMemoryLimitHoldsTheReadmesJvmBounds() throws Exception {
    long bounds = 0;
    for (String flag : Readme.jvmFlags()) {
      for (String bounded :
          List.of("-Xmx", "-XX:MaxMetaspaceSize=", "-XX:ReservedCodeCacheSize=")) {
        if (flag.startsWith(bounded)) {
          bounds += Long.parseLong(flag.substring(bounded.length()).replace("m", ""));
        }
      }
    }
    String limit =
        (String)
            Manifests.map(Manifests.map(container("ses-binding").get("resources")).get("limits"))
                .get("memory");

    assertThat(bounds).as("heap, metaspace and code cache, MiB").isEqualTo(320);
    assertThat(Long.parseLong(limit.replace("Mi", ""))).isGreaterThan(bounds);
  }

  @Test
  void theConfigMapsComponentsStartAServerThatAnswersTheProbeAndMetrics(@TempDir Path folder)
      throws Exception {
    String components =
        (String) Manifests.map(ofKind("ConfigMap").get("data")).get("components.yaml");
    Map<String, String> env = env(container("ses-binding"));
    // loopback here, as every server a test starts; the manifest's 0.0.0.0 is checked above
    env.put(Flag.METRICS_LISTEN_ADDRESS.env(), "127.0.0.1");
    List<String> flags = new ArrayList<>(args());
    int resources = flags.indexOf("--resources-path");
    flags.remove(resources + 1);
    flags.remove(resources);
    String probePath =
        (String)
            Manifests.map(
                    Manifests.map(container("ses-binding").get("livenessProbe")).get("httpGet"))
                .get("path");

    try (TestServer server =
        TestServer.start(folder, env, List.of(components), flags.toArray(String[]::new))) {
      HttpClient http = HttpClient.newHttpClient();
      assertThat(
              http.send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + server.server.port() + probePath))
                          .build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode())
          .isEqualTo(204);
      String metrics =
          http.send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + server.server.metricsPort().orElseThrow()
                                  + MetricsServer.PATH))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(metrics)
          .contains(
              "dapr_runtime_component_init_total{app_id=\"orders\",component=\"bindings.aws.ses\"} 1")
          .doesNotContain("replace-with-your-secret-key");
    }
  }
}
