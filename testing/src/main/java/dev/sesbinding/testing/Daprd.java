package dev.sesbinding.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real daprd, started as its own process on free loopback ports: the sidecar an app meets. Found
 * through {@code DAPRD}, else the project's {@code ../shared/daprd/path}, else {@code
 * ~/.dapr/bin/daprd} (where {@code dapr init} puts it); tests that need it are skipped with {@link
 * #missing()} when none is found.
 */
public final class Daprd implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("(dapr initialized)\\. Status: Running");

  private final ServerProcess process;
  private final int httpPort;
  private final int grpcPort;
  private final int metricsPort;

  private Daprd(ServerProcess process, int httpPort, int grpcPort, int metricsPort) {
    this.process = process;
    this.httpPort = httpPort;
    this.grpcPort = grpcPort;
    this.metricsPort = metricsPort;
  }

  /** The daprd binary to test with, if this machine has one. */
  public static Optional<Path> binary() {
    String configured = System.getenv("DAPRD");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    Optional<Path> shared = projectRoot().map(root -> root.resolve("../shared/daprd/path"));
    if (shared.isPresent() && Files.isRegularFile(shared.get())) {
      Optional<Path> unpacked = run(shared.get());
      if (unpacked.isPresent()) {
        return unpacked;
      }
    }
    Path initialised = Path.of(System.getProperty("user.home"), ".dapr", "bin", "daprd");
    return Optional.of(initialised).filter(Files::isExecutable);
  }

  /** Why the daprd tests are skipped on a machine without one. */
  public static String missing() {
    return "no daprd found: set DAPRD to a daprd binary, or provide ../shared/daprd/path beside"
        + " the project, or run `dapr init` (~/.dapr/bin/daprd)";
  }

  /** A daprd of {@code binary} for app {@code appId}, to configure and start. */
  public static Builder builder(Path binary, String appId) {
    return new Builder(binary, appId);
  }

  private static Optional<Path> projectRoot() {
    for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
      if (Files.isRegularFile(folder.resolve(".ci/run"))) {
        return Optional.of(folder);
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> run(Path script) {
    try {
      Process process =
          new ProcessBuilder("sh", script.toString())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return Optional.of(Path.of(printed.strip())).filter(Files::isExecutable);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Dapr's HTTP API, {@code http://127.0.0.1:<port>}. */
  public URI http() {
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  public int httpPort() {
    return httpPort;
  }

  /** Dapr's gRPC API port on 127.0.0.1. */
  public int grpcPort() {
    return grpcPort;
  }

  /** The Prometheus endpoint, {@code http://127.0.0.1:<port>/metrics}. */
  public URI metrics() {
    return URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
  }

  /** Every line daprd logged so far. */
  public List<String> output() {
    return process.output();
  }

  /** Whether daprd still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, then waits up to {@code wait}: the exit code, or -1. */
  public int terminate(Duration wait) throws IOException, InterruptedException {
    return process.terminate(wait);
  }

  @Override
  public void close() {
    process.close();
  }

  /** How to start one daprd. */
  public static final class Builder {
    private final Path binary;
    private final String appId;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> arguments = new ArrayList<>();
    private Path resourcesPath;
    private Path socketsFolder;

    private Builder(Path binary, String appId) {
      this.binary = Objects.requireNonNull(binary, "binary");
      this.appId = Objects.requireNonNull(appId, "appId");
    }

    /** The folder of component files ({@code --resources-path}). */
    public Builder resourcesPath(Path folder) {
      this.resourcesPath = folder;
      return this;
    }

    /** Where daprd looks for pluggable components' sockets. */
    public Builder socketsFolder(Path folder) {
      this.socketsFolder = folder;
      return this;
    }

    /** A variable of daprd's environment (secrets of {@code secretstores.local.env}, say). */
    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /** More flags, as daprd takes them. */
    public Builder arguments(String... more) {
      arguments.addAll(List.of(more));
      return this;
    }

    /**
     * Starts daprd and waits until it logs that it runs; on free ports that another process took
     * meanwhile it tries again, twice, on others.
     */
    public Daprd start() throws IOException, InterruptedException {
      IllegalStateException failed = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          return startOnFreePorts();
        } catch (IllegalStateException e) {
          if (!e.getMessage().contains("address already in use")) {
            throw e;
          }
          failed = e;
        }
      }
      throw failed;
    }

    private Daprd startOnFreePorts() throws IOException, InterruptedException {
      int http = freePort();
      int grpc = freePort();
      int metrics = freePort();
      List<String> command = new ArrayList<>();
      command.addAll(
          List.of(
              binary.toString(),
              "--app-id",
              appId,
              "--dapr-listen-addresses",
              "127.0.0.1",
              "--dapr-http-port",
              Integer.toString(http),
              "--dapr-grpc-port",
              Integer.toString(grpc),
              "--dapr-internal-grpc-listen-address",
              "127.0.0.1",
              "--dapr-internal-grpc-port",
              Integer.toString(freePort()),
              "--dapr-public-listen-address",
              "127.0.0.1",
              "--dapr-public-port",
              Integer.toString(freePort()),
              "--metrics-listen-address",
              "127.0.0.1",
              "--metrics-port",
              Integer.toString(metrics),
              "--profile-port",
              Integer.toString(freePort())));
      if (resourcesPath != null) {
        command.addAll(List.of("--resources-path", resourcesPath.toString()));
      }
      command.addAll(arguments);
      ProcessBuilder builder = new ProcessBuilder(command);
      if (socketsFolder != null) {
        builder.environment().put("DAPR_COMPONENTS_SOCKETS_FOLDER", socketsFolder.toString());
      }
      builder.environment().putAll(environment);
      return new Daprd(ServerProcess.start(builder, READY), http, grpc, metrics);
    }
  }
}
