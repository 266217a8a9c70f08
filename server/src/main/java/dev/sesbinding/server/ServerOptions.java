package dev.sesbinding.server;

import dev.sesbinding.serving.ApiOptions;
import dev.sesbinding.serving.ServingLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    String apiToken,
    Map<String, String> env) {

  /** {@link #maxBufferedBytes()} and {@link #maxConnections()} when left to the server: auto. */
  static final int AUTO = 0;

  static final String API_TOKEN_ENV = "DAPR_API_TOKEN";

  /** The socket folder daprd reads, after {@link Flag#SOCKET_FOLDER}'s variable. */
  static final String DAPRD_SOCKET_FOLDER_ENV = "DAPR_COMPONENTS_SOCKETS_FOLDER";

  /** A pluggable component's name: what daprd's component type and a file name can hold. */
  private static final Pattern COMPONENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|ki|kb|m|mi|mb|g|gi|gb)");
  private static final Pattern TIME = Pattern.compile("(\\d+)\\s*(ms|s|m|)");

  public ServerOptions {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(listenAddress, "listenAddress");
    resourcesPaths = List.copyOf(resourcesPaths);
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(gracePeriod, "gracePeriod");
    Objects.requireNonNull(pluggable, "pluggable");
    Objects.requireNonNull(socketFolder, "socketFolder");
    apiToken = apiToken == null ? "" : apiToken;
    env = Map.copyOf(env);
  }

  /**
   * Defaults only, for a test or an embedding: free ports, 127.0.0.1, the given resources paths.
   */
  public static ServerOptions forTest(List<Path> resourcesPaths, Map<String, String> env) {
    try {
      List<String> args =
          new ArrayList<>(List.of(Flag.HTTP_PORT.flag(), "0", Flag.GRPC_PORT.flag(), "0"));
      for (Path path : resourcesPaths) {
        args.addAll(List.of(Flag.RESOURCES_PATH.flag(), path.toString()));
      }
      return fromArgs(args.toArray(String[]::new), env);
    } catch (UsageException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Defaults only, for a test or an embedding, serving as the pluggable component {@code name} in
   * {@code socketFolder}.
   */
  public static ServerOptions forTestAsComponent(Path socketFolder, String name) {
    try {
      return fromArgs(
          new String[] {
            Flag.PLUGGABLE.flag(), name, Flag.SOCKET_FOLDER.flag(), socketFolder.toString()
          },
          Map.of());
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
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      Flag flag = flagNamed(name);
      String value;
      if (arg.contains("=")) {
        value = arg.substring(arg.indexOf('=') + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException(name + " needs a value");
      }
      if (flag == Flag.RESOURCES_PATH) {
        resourcesPaths.add(value);
      } else {
        values.put(flag, value);
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
        && isBlank(env.get(Flag.SOCKET_FOLDER.env()))
        && !isBlank(env.get(DAPRD_SOCKET_FOLDER_ENV))) {
      values.put(Flag.SOCKET_FOLDER, env.get(DAPRD_SOCKET_FOLDER_ENV));
    }
    for (Flag flag : Flag.values()) {
      if (!values.containsKey(flag)) {
        String fromEnv = env.get(flag.env());
        values.put(flag, fromEnv == null || fromEnv.isBlank() ? flag.defaultValue() : fromEnv);
      }
    }
    return new ServerOptions(
        values.get(Flag.APP_ID),
        intIn(Flag.HTTP_PORT, values.get(Flag.HTTP_PORT), 0, 65535),
        intIn(Flag.GRPC_PORT, values.get(Flag.GRPC_PORT), 0, 65535),
        values.get(Flag.LISTEN_ADDRESS),
        resourcesPaths.stream().map(ServerOptions::expandHome).toList(),
        size(Flag.MAX_BODY_SIZE, values.get(Flag.MAX_BODY_SIZE)),
        intIn(Flag.MAX_IN_FLIGHT, values.get(Flag.MAX_IN_FLIGHT), 1, 1_000_000),
        duration(Flag.REQUEST_TIMEOUT, values.get(Flag.REQUEST_TIMEOUT)),
        Duration.ofSeconds(
            intIn(Flag.GRACEFUL_SHUTDOWN, values.get(Flag.GRACEFUL_SHUTDOWN), 0, 3600)),
        duration(Flag.READ_TIMEOUT, values.get(Flag.READ_TIMEOUT)),
        duration(Flag.IDLE_TIMEOUT, values.get(Flag.IDLE_TIMEOUT)),
        isAuto(values.get(Flag.MAX_BUFFERED_BYTES))
            ? AUTO
            : size(Flag.MAX_BUFFERED_BYTES, values.get(Flag.MAX_BUFFERED_BYTES)),
        isAuto(values.get(Flag.MAX_CONNECTIONS))
            ? AUTO
            : intIn(Flag.MAX_CONNECTIONS, values.get(Flag.MAX_CONNECTIONS), 1, 1_000_000),
        componentName(values.get(Flag.PLUGGABLE)),
        expandHome(values.get(Flag.SOCKET_FOLDER).strip()),
        env.getOrDefault(API_TOKEN_ENV, ""),
        env);
  }

  /** The text of {@code --help}: every flag with its environment variable and default. */
  static String help() {
    StringBuilder out =
        new StringBuilder(
            """
            Usage: java -jar ses-binding-server.jar [flags]

            Serves the Dapr bindings HTTP API (POST|PUT /v1.0/bindings/{name}) and Dapr's gRPC API for the \
            bindings.aws.ses components found in the resources paths; or, with --pluggable NAME, serves as a \
            Dapr pluggable component on the Unix socket <socket folder>/NAME.sock.

            Flags (environment variable, default):
            """);
    for (Flag flag : Flag.values()) {
      out.append(
          String.format(
              "  %-34s %s%n  %-34s (%s, default %s)%n",
              flag.flag() + " <value>", flag.description(), "", flag.env(), flag.defaultValue()));
    }
    out.append(String.format("  %-34s %s%n", "--help", "print this text"));
    out.append(
        "\nEnvironment: "
            + API_TOKEN_ENV
            + " requires every request but GET /v1.0/healthz to carry a matching"
            + " dapr-api-token header.\n");
    return out.toString();
  }

  private static Flag flagNamed(String name) throws UsageException {
    for (Flag flag : Flag.values()) {
      if (flag.flag().equals(name)) {
        return flag;
      }
    }
    throw new UsageException("unknown flag " + name + " (see --help)");
  }

  private static int intIn(Flag flag, String value, int min, int max) throws UsageException {
    try {
      int number = Integer.parseInt(value.strip());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(flag, value, "is not a whole number from " + min + " to " + max);
  }

  /** The one shape of a bad value's message: the flag, its variable, the value, the problem. */
  private static UsageException invalid(Flag flag, String value, String problem) {
    return new UsageException(flag.flag() + " (" + flag.env() + "): \"" + value + "\" " + problem);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /** The pluggable component's name, or empty for {@code none}. */
  private static String componentName(String value) throws UsageException {
    String name = value.strip();
    if (name.equalsIgnoreCase("none")) {
      return "";
    }
    if (!COMPONENT_NAME.matcher(name).matches()) {
      throw invalid(
          Flag.PLUGGABLE,
          value,
          "is not a component name: letters, digits, '.', '_' and '-', at most 63, such as"
              + " ses-binding");
    }
    return name;
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

  private static boolean isAuto(String value) {
    return value.strip().equalsIgnoreCase("auto");
  }

  static long size(Flag flag, String value) throws UsageException {
    Matcher matcher = SIZE.matcher(value.strip().toLowerCase(Locale.ROOT));
    if (matcher.matches()) {
      long number = Long.parseLong(matcher.group(1));
      long factor =
          switch (matcher.group(2)) {
            case "k", "kb" -> 1_000L;
            case "ki" -> 1L << 10;
            case "m", "mb" -> 1_000_000L;
            case "mi" -> 1L << 20;
            case "g", "gb" -> 1_000_000_000L;
            case "gi" -> 1L << 30;
            default -> 1L;
          };
      long bytes = number * factor;
      if (bytes >= 1 && bytes <= Integer.MAX_VALUE) {
        return bytes;
      }
    }
    throw invalid(flag, value, "is not a size from 1 byte to 2Gi, such as 4Mi, 512Ki or 1048576");
  }

  private static Duration duration(Flag flag, String value) throws UsageException {
    Matcher matcher = TIME.matcher(value.strip().toLowerCase(Locale.ROOT));
    if (matcher.matches()) {
      long number = Long.parseLong(matcher.group(1));
      Duration duration =
          switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(number);
            case "m" -> Duration.ofMinutes(number);
            default -> Duration.ofSeconds(number);
          };
      if (!duration.isZero()) {
        return duration;
      }
    }
    throw invalid(flag, value, "is not a positive duration, such as 20s or 1500ms");
  }

  private static Path expandHome(String path) {
    return path.startsWith("~/")
        ? Path.of(System.getProperty("user.home"), path.substring(2))
        : Path.of(path);
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
        + ", apiToken="
        + (apiToken.isEmpty() ? "none" : "***")
        + "]";
  }
}
