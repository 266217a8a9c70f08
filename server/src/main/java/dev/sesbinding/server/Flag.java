package dev.sesbinding.server;

/**
 * Every server setting, declared once: its flag, its environment variable, its default and what it
 * does.
 */
enum Flag {
  APP_ID("--app-id", "APP_ID", "ses-binding", "the id this server reports in /v1.0/metadata"),
  HTTP_PORT("--dapr-http-port", "DAPR_HTTP_PORT", "3500", "the HTTP port (0 picks a free one)"),
  GRPC_PORT(
      "--dapr-grpc-port",
      "DAPR_GRPC_PORT",
      "50001",
      "the port of Dapr's gRPC API (0 picks a free one)"),
  LISTEN_ADDRESS(
      "--listen-address", "DAPR_LISTEN_ADDRESS", "127.0.0.1", "the address to listen on"),
  RESOURCES_PATH(
      "--resources-path",
      "DAPR_RESOURCES_PATH",
      "~/.dapr/components",
      "a folder of Dapr Component YAML files; repeat the flag for several (the variable takes a ','-separated list)"),
  MAX_BODY_SIZE(
      "--max-body-size",
      "DAPR_MAX_BODY_SIZE",
      "4Mi",
      "the largest request body, e.g. 4Mi, 512Ki, 1048576"),
  MAX_IN_FLIGHT(
      "--max-in-flight",
      "SES_BINDING_MAX_IN_FLIGHT",
      "1024",
      "requests handled at once; more get 429 with Retry-After"),
  REQUEST_TIMEOUT(
      "--request-timeout",
      "SES_BINDING_REQUEST_TIMEOUT",
      "20s",
      "answer 504 when a binding has not answered by then, e.g. 20s, 1500ms"),
  READ_TIMEOUT(
      "--read-timeout",
      "SES_BINDING_READ_TIMEOUT",
      "10s",
      "a request's headers, then its body, must arrive within this (408 and the connection closed)"),
  IDLE_TIMEOUT(
      "--idle-timeout",
      "SES_BINDING_IDLE_TIMEOUT",
      "60s",
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
  GRACEFUL_SHUTDOWN(
      "--dapr-graceful-shutdown-seconds",
      "DAPR_GRACEFUL_SHUTDOWN_SECONDS",
      "5",
      "on SIGTERM, how long requests in flight may take to finish");

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
}
