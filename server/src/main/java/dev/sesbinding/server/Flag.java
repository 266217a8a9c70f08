package dev.sesbinding.server;

import dev.sesbinding.core.internal.Sizes;
import dev.sesbinding.serving.ApiOptions;
import dev.sesbinding.serving.ServingLimits;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every server setting, declared once: its flag, its environment variable, its default and what it
 * does.
 */
enum Flag {
  APP_ID(
      "--app-id",
      "APP_ID",
      ApiOptions.DEFAULT_APP_ID,
      "the id this server reports in /v1.0/metadata"),
  HTTP_PORT("--dapr-http-port", "DAPR_HTTP_PORT", "3500", "the HTTP port (0 picks a free one)"),
  GRPC_PORT(
      "--dapr-grpc-port",
      "DAPR_GRPC_PORT",
      "50001",
      "the port of Dapr's gRPC API (0 picks a free one)"),
  LISTEN_ADDRESS(
      "--listen-address",
      "DAPR_LISTEN_ADDRESS",
      ApiOptions.DEFAULT_LISTEN_ADDRESS,
      "the address to listen on"),
  RESOURCES_PATH(
      "--resources-path",
      "DAPR_RESOURCES_PATH",
      "~/.dapr/components",
      "a folder of Dapr Component YAML files; repeat the flag for several (the variable takes a ','-separated list)"),
  MAX_BODY_SIZE(
      "--max-body-size",
      "DAPR_MAX_BODY_SIZE",
      Sizes.format(ServingLimits.defaults().maxBodySize()),
      "the largest request body, e.g. 4Mi, 512Ki, 1048576"),
  MAX_IN_FLIGHT(
      "--max-in-flight",
      "SES_BINDING_MAX_IN_FLIGHT",
      Integer.toString(ServingLimits.defaults().maxInFlight()),
      "requests handled at once; more get 429 with Retry-After"),
  REQUEST_TIMEOUT(
      "--request-timeout",
      "SES_BINDING_REQUEST_TIMEOUT",
      seconds(ServingLimits.defaults().requestTimeout()),
      "answer 504 when a binding has not answered by then, e.g. 20s, 1500ms"),
  READ_TIMEOUT(
      "--read-timeout",
      "SES_BINDING_READ_TIMEOUT",
      seconds(ServingLimits.defaults().readTimeout()),
      "a request's headers, then its body, must arrive within this (408 and the connection closed)"),
  IDLE_TIMEOUT(
      "--idle-timeout",
      "SES_BINDING_IDLE_TIMEOUT",
      seconds(ServingLimits.defaults().idleTimeout()),
      "close a connection idle this long (and wait this long for the next request's headers)"),
  MAX_BUFFERED_BYTES(
      "--max-buffered-bytes",
      "SES_BINDING_MAX_BUFFERED_BYTES",
      "auto",
      "request body bytes held at once, e.g. 32Mi; more get 429 (auto: what the heap holds)"),
  MAX_CONNECTIONS(
      "--max-connections",
      "SES_BINDING_MAX_CONNECTIONS",
      "auto",
      "connections open at once; more are closed (auto: from the file descriptor limit)"),
  PLUGGABLE(
      "--pluggable",
      "SES_BINDING_PLUGGABLE",
      "none",
      "serve as a Dapr pluggable component of this name (components use type bindings.<name>) on"
          + " a Unix socket, instead of the HTTP and gRPC APIs and the resources paths"),
  SOCKET_FOLDER(
      "--components-socket-folder",
      "DAPR_COMPONENT_SOCKETS_FOLDER",
      "/tmp/dapr-components-sockets",
      "with --pluggable, the folder of the socket <name>.sock (daprd's DAPR_COMPONENTS_SOCKETS_FOLDER"
          + " is read too)"),
  SOCKET_MODE(
      "--socket-mode",
      "SES_BINDING_SOCKET_MODE",
      "0660",
      "with --pluggable, the socket's file mode, who may connect: 0660 the owner and its group (daprd"
          + " running as either), 0600 the owner only, 0666 every user"),
  REMEMBER_INSTANCES(
      "--remember-instances",
      "SES_BINDING_REMEMBER_INSTANCES",
      "none",
      "with --pluggable, a folder where each instance's Init metadata (secrets included, mode 0600)"
          + " is kept, so that the component restarted while daprd runs serves daprd's instances at"
          + " once; use a memory-backed folder only this user reads"),
  METRICS_PORT(
      "--metrics-port",
      "DAPR_METRICS_PORT",
      "9090",
      "the port of GET /metrics, Prometheus text with daprd's binding series (0 picks a free one);"
          + " with --pluggable the default is 9091, beside daprd's 9090 in the same pod"),
  ENABLE_METRICS(
      "--enable-metrics",
      "SES_BINDING_ENABLE_METRICS",
      "true",
      "serve GET /metrics on --metrics-port (true or false)"),
  METRICS_LISTEN_ADDRESS(
      "--metrics-listen-address",
      "SES_BINDING_METRICS_LISTEN_ADDRESS",
      "auto",
      "the address /metrics listens on (auto: --listen-address's; 0.0.0.0 lets Prometheus scrape"
          + " a pod)"),
  LOG_LEVEL(
      "--log-level",
      "SES_BINDING_LOG_LEVEL",
      "info",
      "what ses-binding logs: debug, info, warn or error (the libraries it uses log warn and above)"),
  LOG_AS_JSON(
      "--log-as-json",
      "SES_BINDING_LOG_AS_JSON",
      "false",
      "log one JSON object a line, with daprd's keys (time, level, msg, scope, type, app_id,"
          + " instance, ver); a switch, as daprd's"),
  SES_CLIENT(
      "--ses-client",
      "SES_BINDING_SES_CLIENT",
      "vertx",
      "how bindings call SES: sdk (the AWS SDK's client) or vertx (SES's Query protocol on this"
          + " server's own event loops, signed by the SDK's signer; retried only where SES cannot"
          + " have taken the email)"),
  GRACEFUL_SHUTDOWN(
      "--dapr-graceful-shutdown-seconds",
      "DAPR_GRACEFUL_SHUTDOWN_SECONDS",
      Long.toString(ServingLimits.defaults().gracePeriod().toSeconds()),
      "on SIGTERM, how long requests in flight may take to finish");

  /** A default duration as the flags write it: whole seconds. */
  private static String seconds(Duration duration) {
    return duration.toSeconds() + "s";
  }

  private final String flag;
  private final String env;
  private final String defaultValue;
  private final String description;

  Flag(String flag, String env, String defaultValue, String description) {
    this.flag = flag;
    this.env = env;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The flags that take no value (only after {@code =}), as daprd's boolean flags. */
  static final Set<Flag> SWITCHES = Set.of(LOG_AS_JSON);

  /** Every valued flag's name, as the command line gives it. */
  static Set<String> names() {
    return Arrays.stream(values())
        .filter(flag -> !SWITCHES.contains(flag))
        .map(Flag::flag)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Every switch's name. */
  static Set<String> switchNames() {
    return SWITCHES.stream().map(Flag::flag).collect(Collectors.toUnmodifiableSet());
  }

  /** The flag of {@code name}, one of {@link #names()} or {@link #switchNames()}. */
  static Flag named(String name) {
    return Arrays.stream(values())
        .filter(flag -> flag.flag.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no flag " + name));
  }

  String flag() {
    return flag;
  }

  String env() {
    return env;
  }

  String defaultValue() {
    return defaultValue;
  }

  String description() {
    return description;
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
    for (Flag flag : values()) {
      out.append(
          String.format(
              "  %-34s %s%n  %-34s (%s, default %s)%n",
              flag.flag() + (SWITCHES.contains(flag) ? "" : " <value>"),
              flag.description(),
              "",
              flag.env(),
              flag.defaultValue()));
    }
    out.append(String.format("  %-34s %s%n", "--help", "print this text"));
    out.append(String.format("  %-34s %s%n", "--version", "print the version"));
    out.append(
        "\nEnvironment: "
            + ServerOptions.API_TOKEN_ENV
            + " requires every request but GET /v1.0/healthz to carry a matching"
            + " dapr-api-token header.\n");
    return out.toString();
  }
}
