package dev.sesbinding.server;

import dev.sesbinding.testing.Daprd;
import dev.sesbinding.testing.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The built jar as a pluggable component inside a real daprd, started with the commands the docs
 * give: the README's {@code java ... --pluggable ses-binding} and {@code examples/pluggable}'s
 * {@code daprd --app-id ... --resources-path ...} (on free ports, with a copy of that folder so a
 * test may change it). SES is {@code AWS_ENDPOINT_URL_SES}, as for any AWS SDK. Each process can be
 * stopped and started again, as an orchestrator does.
 */
final class PluggableDeployment {
  static final String README = "README.md";
  static final String EXAMPLE = "examples/pluggable/README.md";
  static final Pattern COMPONENT_READY = Pattern.compile("on unix://(\\S+)");

  private final Path daprdBinary;
  private final Path sockets;
  private final Path resources;
  private final URI ses;
  private final List<String> componentFlags;
  private final Map<String, String> daprdEnvironment = new LinkedHashMap<>();
  private final String appId;
  private ServerProcess component;
  private Daprd daprd;

  private PluggableDeployment(
      Path daprdBinary, Path folder, URI ses, List<String> componentFlags, String appId)
      throws IOException {
    this.daprdBinary = daprdBinary;
    this.sockets = Files.createDirectories(folder.resolve("sockets"));
    this.resources = Files.createDirectories(folder.resolve("components"));
    this.ses = ses;
    this.componentFlags = List.copyOf(componentFlags);
    this.appId = appId;
  }

  /**
   * A deployment in {@code folder}: the example's component files copied there, SES at {@code ses},
   * the component run with the README's command plus {@code componentFlags}.
   */
  static PluggableDeployment prepare(
      Path daprdBinary, Path folder, URI ses, List<String> componentFlags) throws IOException {
    List<String> daprdCommand = Readme.command(EXAMPLE, "daprd --app-id");
    String appId = daprdCommand.get(daprdCommand.indexOf("--app-id") + 1);
    Path example =
        Readme.ROOT.resolve(daprdCommand.get(daprdCommand.indexOf("--resources-path") + 1));
    PluggableDeployment deployment =
        new PluggableDeployment(daprdBinary, folder, ses, componentFlags, appId);
    try (Stream<Path> files = Files.list(example)) {
      for (Path file : files.toList()) {
        Files.copy(file, deployment.resources.resolve(file.getFileName()));
      }
    }
    return deployment;
  }

  /** The folder daprd loads component files from (hot reload watches it). */
  Path resources() {
    return resources;
  }

  /** A variable of daprd's environment, for the next {@link #startDaprd}. */
  PluggableDeployment daprdEnvironment(String name, String value) {
    daprdEnvironment.put(name, value);
    return this;
  }

  /**
   * The variables the example's component file reads through {@code secretstores.local.env}:
   * eu-west-1, the sender {@code orders@example.com}, and {@code secretKey}.
   */
  PluggableDeployment exampleSecrets(String secretKey) {
    return daprdEnvironment("AWS_REGION", "eu-west-1")
        .daprdEnvironment("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .daprdEnvironment("AWS_SECRET_ACCESS_KEY", secretKey)
        .daprdEnvironment("SES_EMAIL_FROM", "orders@example.com");
  }

  /** Starts the component with the README's command; its socket is ready when this returns. */
  ServerProcess startComponent() throws IOException, InterruptedException {
    List<String> words = Readme.command(README, "--pluggable");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String word : words.subList(1, words.size())) {
      command.add(word.endsWith(".jar") ? Readme.ROOT.resolve(word).toString() : word);
    }
    command.addAll(componentFlags);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("DAPR_COMPONENTS_SOCKETS_FOLDER", sockets.toString());
    builder.environment().put("AWS_ENDPOINT_URL_SES", ses.toString());
    component = ServerProcess.start(builder, COMPONENT_READY);
    return component;
  }

  /** Starts daprd with the example's app id and this deployment's component files. */
  Daprd startDaprd() throws IOException, InterruptedException {
    Daprd.Builder builder =
        Daprd.builder(daprdBinary, appId).resourcesPath(resources).socketsFolder(sockets);
    daprdEnvironment.forEach(builder::environment);
    daprd = builder.start();
    return daprd;
  }

  ServerProcess component() {
    return component;
  }

  Daprd daprd() {
    return daprd;
  }

  /** SIGTERM to the component; its exit code, or -1 when it did not stop within 30 s. */
  int stopComponent() throws IOException, InterruptedException {
    int exit = component.terminate(Duration.ofSeconds(30));
    component.close();
    return exit;
  }

  /** SIGTERM to daprd; its exit code, or -1 when it did not stop within 30 s. */
  int stopDaprd() throws IOException, InterruptedException {
    int exit = daprd.terminate(Duration.ofSeconds(30));
    daprd.close();
    return exit;
  }

  /** Stops daprd first, then the component, as the docs say. */
  void stop() throws IOException, InterruptedException {
    if (daprd != null) {
      stopDaprd();
    }
    if (component != null) {
      stopComponent();
    }
  }
}
