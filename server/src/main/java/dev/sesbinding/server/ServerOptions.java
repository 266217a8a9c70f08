package dev.sesbinding.server;

import dev.sesbinding.core.internal.Argv;
import dev.sesbinding.serving.ApiOptions;
import dev.sesbinding.serving.ServingLimits;
import dev.sesbinding.serving.metrics.BindingMetrics;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The server's settings, from flags, then the environment, then defaults (Dapr's names where Dapr
 * has them). Invalid values fail naming the flag; nothing falls back silently. The API token comes
 * only from {@code DAPR_API_TOKEN}.
 */
public record ServerOptions(
    String appId,
    int httpPort,
    int grpcPort,
    String listenAddress,
    List<Path> resourcesPaths,
    long maxBodySize,
    int maxInFlight,
    Duration requestTimeout,
    Duration gracePeriod,
    Duration readTimeout,
    Duration idleTimeout,
    long maxBufferedBytes,
    int maxConnections,
    String pluggable,
    Path socketFolder,
    Set<PosixFilePermission> socketMode,
    Path rememberInstances,
    boolean metricsEnabled,
    int metricsPort,
    String metricsListenAddress,
    String logLevel,
    boolean logAsJson,
    SesClientKind sesClient,
    String apiToken,
    Map<String, String> env) {

  /** {@link #maxBufferedBytes()} and {@link #maxConnections()} when left to the server: auto. */
  static final int AUTO = 0;

  static final String API_TOKEN_ENV = "DAPR_API_TOKEN";

  /** The component's metrics port when none is given: beside daprd's 9090 in the same pod. */
  static final String PLUGGABLE_METRICS_PORT = "9091";

  /** The socket folder daprd reads, after {@link Flag#SOCKET_FOLDER}'s variable. */
  static final String DAPRD_SOCKET_FOLDER_ENV = "DAPR_COMPONENTS_SOCKETS_FOLDER";

  public ServerOptions {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(listenAddress, "listenAddress");
    resourcesPaths = List.copyOf(resourcesPaths);
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(gracePeriod, "gracePeriod");
    Objects.requireNonNull(pluggable, "pluggable");
    Objects.requireNonNull(socketFolder, "socketFolder");
    socketMode = Set.copyOf(socketMode);
    apiToken = apiToken == null ? "" : apiToken;
    Objects.requireNonNull(metricsListenAddress, "metricsListenAddress");
    Objects.requireNonNull(sesClient, "sesClient");
    env = Map.copyOf(env);
  }

  /**
   * Defaults only, for a server embedded in another program (the conformance suite, tests): free
   * ports, 127.0.0.1, the given resources paths.
   */
  public static ServerOptions embedded(List<Path> resourcesPaths, Map<String, String> env) {
    try {
      List<String> args =
          new ArrayList<>(
              List.of(
                  Flag.HTTP_PORT.flag(),
                  "0",
                  Flag.GRPC_PORT.flag(),
                  "0",
                  Flag.METRICS_PORT.flag(),
                  "0"));
      for (Path path : resourcesPaths) {
        args.addAll(List.of(Flag.RESOURCES_PATH.flag(), path.toString()));
      }
      return fromArgs(args.toArray(String[]::new), env);
    } catch (UsageException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Defaults only, for a component embedded in another program, serving as the pluggable component
   * {@code name} in {@code socketFolder}.
   */
  public static ServerOptions embeddedComponent(Path socketFolder, String name) {
    return embeddedComponent(socketFolder, name, Map.of());
  }

  /** As {@link #embeddedComponent(Path, String)}, with settings from {@code env} besides. */
  public static ServerOptions embeddedComponent(
      Path socketFolder, String name, Map<String, String> env) {
    try {
      return fromArgs(
          new String[] {
            Flag.PLUGGABLE.flag(),
            name,
            Flag.SOCKET_FOLDER.flag(),
            socketFolder.toString(),
            Flag.METRICS_PORT.flag(),
            "0"
          },
          env);
    } catch (UsageException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Parses {@code --flag value} and {@code --flag=value}; a flag wins over its environment
   * variable.
   */
  static ServerOptions fromArgs(String[] args, Map<String, String> env) throws UsageException {
    Map<Flag, String> values = new EnumMap<>(Flag.class);
    List<String> resourcesPaths = new ArrayList<>();
    for (Argv.Option option : options(args)) {
      Flag flag = Flag.named(option.name());
      if (flag == Flag.RESOURCES_PATH) {
        resourcesPaths.add(option.value());
      } else {
        values.put(flag, option.value());
      }
    }
    if (resourcesPaths.isEmpty()) {
      String fromEnv = env.get(Flag.RESOURCES_PATH.env());
      String paths =
          fromEnv == null || fromEnv.isBlank() ? Flag.RESOURCES_PATH.defaultValue() : fromEnv;
      for (String path : paths.split(",", -1)) {
        if (!path.isBlank()) {
          resourcesPaths.add(path.strip());
        }
      }
    }
    if (!values.containsKey(Flag.SOCKET_FOLDER)
        && FlagValues.isBlank(env.get(Flag.SOCKET_FOLDER.env()))
        && !FlagValues.isBlank(env.get(DAPRD_SOCKET_FOLDER_ENV))) {
      values.put(Flag.SOCKET_FOLDER, env.get(DAPRD_SOCKET_FOLDER_ENV));
    }
    if (!values.containsKey(Flag.METRICS_PORT)
        && FlagValues.isBlank(env.get(Flag.METRICS_PORT.env()))
        && !FlagValues.isNone(
            values.getOrDefault(Flag.PLUGGABLE, env.getOrDefault(Flag.PLUGGABLE.env(), "")))) {
      values.put(Flag.METRICS_PORT, PLUGGABLE_METRICS_PORT);
    }
    for (Flag flag : Flag.values()) {
      if (!values.containsKey(flag)) {
        String fromEnv = env.get(flag.env());
        values.put(flag, fromEnv == null || fromEnv.isBlank() ? flag.defaultValue() : fromEnv);
      }
    }
    return new ServerOptions(
        values.get(Flag.APP_ID),
        FlagValues.intIn(Flag.HTTP_PORT, values.get(Flag.HTTP_PORT), 0, 65535),
        FlagValues.intIn(Flag.GRPC_PORT, values.get(Flag.GRPC_PORT), 0, 65535),
        values.get(Flag.LISTEN_ADDRESS),
        resourcesPaths.stream().map(FlagValues::expandHome).toList(),
        FlagValues.size(Flag.MAX_BODY_SIZE, values.get(Flag.MAX_BODY_SIZE)),
        FlagValues.intIn(Flag.MAX_IN_FLIGHT, values.get(Flag.MAX_IN_FLIGHT), 1, 1_000_000),
        FlagValues.duration(Flag.REQUEST_TIMEOUT, values.get(Flag.REQUEST_TIMEOUT)),
        Duration.ofSeconds(
            FlagValues.intIn(Flag.GRACEFUL_SHUTDOWN, values.get(Flag.GRACEFUL_SHUTDOWN), 0, 3600)),
        FlagValues.duration(Flag.READ_TIMEOUT, values.get(Flag.READ_TIMEOUT)),
        FlagValues.duration(Flag.IDLE_TIMEOUT, values.get(Flag.IDLE_TIMEOUT)),
        FlagValues.isAuto(values.get(Flag.MAX_BUFFERED_BYTES))
            ? AUTO
            : FlagValues.size(Flag.MAX_BUFFERED_BYTES, values.get(Flag.MAX_BUFFERED_BYTES)),
        FlagValues.isAuto(values.get(Flag.MAX_CONNECTIONS))
            ? AUTO
            : FlagValues.intIn(
                Flag.MAX_CONNECTIONS, values.get(Flag.MAX_CONNECTIONS), 1, 1_000_000),
        FlagValues.componentName(values.get(Flag.PLUGGABLE)),
        FlagValues.expandHome(values.get(Flag.SOCKET_FOLDER).strip()),
        FlagValues.socketMode(values.get(Flag.SOCKET_MODE)),
        FlagValues.isNone(values.get(Flag.REMEMBER_INSTANCES))
            ? null
            : FlagValues.expandHome(values.get(Flag.REMEMBER_INSTANCES).strip()),
        FlagValues.bool(Flag.ENABLE_METRICS, values.get(Flag.ENABLE_METRICS)),
        FlagValues.intIn(Flag.METRICS_PORT, values.get(Flag.METRICS_PORT), 0, 65535),
        FlagValues.isAuto(values.get(Flag.METRICS_LISTEN_ADDRESS))
            ? values.get(Flag.LISTEN_ADDRESS)
            : values.get(Flag.METRICS_LISTEN_ADDRESS).strip(),
        FlagValues.logLevel(values.get(Flag.LOG_LEVEL)),
        values.get(Flag.LOG_AS_JSON).isEmpty()
            || FlagValues.bool(Flag.LOG_AS_JSON, values.get(Flag.LOG_AS_JSON)),
        SesClientKind.of(values.get(Flag.SES_CLIENT)),
        env.getOrDefault(API_TOKEN_ENV, ""),
        env);
  }

  private static List<Argv.Option> options(String[] args) throws UsageException {
    try {
      return Argv.parse(args, Flag.names(), Flag.switchNames());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The folder where the pluggable component remembers its instances, if the operator gave one. */
  Optional<Path> rememberedInstances() {
    return Optional.ofNullable(rememberInstances);
  }

  /** Whether it serves as a pluggable component ({@code --pluggable}). */
  boolean isPluggable() {
    return !pluggable.isEmpty();
  }

  /** The pluggable component's socket: {@code <socket folder>/<name>.sock}. */
  Path socket() {
    return socketFolder.resolve(pluggable + ".sock");
  }

  /**
   * How every way in bounds what it serves, with the bytes and connections the server settled on
   * ({@link ResourceLimits}).
   */
  ServingLimits limits(ResourceLimits settled) {
    return ServingLimits.builder()
        .maxBodySize((int) maxBodySize)
        .maxInFlight(maxInFlight)
        .requestTimeout(requestTimeout)
        .gracePeriod(gracePeriod)
        .readTimeout(readTimeout)
        .idleTimeout(idleTimeout)
        .maxBufferedBytes(settled.maxBufferedBytes())
        .maxConnections(settled.maxConnections())
        .build();
  }

  /**
   * Fresh metrics of this app, in the namespace daprd reads ({@code NAMESPACE}, empty outside
   * Kubernetes), and traces where the {@code OTEL_*} variables ask for them.
   */
  Observability observability() {
    return new Observability(
        new BindingMetrics(appId, env.getOrDefault("NAMESPACE", "")),
        metricsEnabled,
        OtelTracing.fromEnvironment(env, appId));
  }

  /** What the HTTP API takes of these settings. */
  ApiOptions httpApi() {
    return api(httpPort);
  }

  /** What Dapr's gRPC API takes of these settings. */
  ApiOptions grpcApi() {
    return api(grpcPort);
  }

  private ApiOptions api(int port) {
    return ApiOptions.builder()
        .appId(appId)
        .listenAddress(listenAddress)
        .port(port)
        .apiToken(apiToken)
        .build();
  }

  /** Everything but the API token's value and the environment. */
  @Override
  public String toString() {
    return "ServerOptions[appId="
        + appId
        + ", listenAddress="
        + listenAddress
        + ", port="
        + httpPort
        + ", grpcPort="
        + grpcPort
        + ", resourcesPaths="
        + resourcesPaths
        + ", maxBodySize="
        + maxBodySize
        + ", maxInFlight="
        + maxInFlight
        + ", requestTimeout="
        + requestTimeout
        + ", gracePeriod="
        + gracePeriod
        + ", readTimeout="
        + readTimeout
        + ", idleTimeout="
        + idleTimeout
        + ", maxBufferedBytes="
        + (maxBufferedBytes == AUTO ? "auto" : maxBufferedBytes)
        + ", maxConnections="
        + (maxConnections == AUTO ? "auto" : maxConnections)
        + ", pluggable="
        + (pluggable.isEmpty() ? "none" : pluggable)
        + ", socketFolder="
        + socketFolder
        + ", socketMode="
        + PosixFilePermissions.toString(socketMode)
        + ", rememberInstances="
        + (rememberInstances == null ? "none" : rememberInstances)
        + ", metrics="
        + (metricsEnabled ? metricsListenAddress + ":" + metricsPort : "off")
        + ", logLevel="
        + logLevel
        + (logAsJson ? ", logAsJson" : "")
        + ", apiToken="
        + (apiToken.isEmpty() ? "none" : "***")
        + "]";
  }
}
