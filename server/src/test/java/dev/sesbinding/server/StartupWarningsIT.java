package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A server that starts in a state its operator would not want says so in its log. */
class StartupWarningsIT {
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(BindingsServer.class);
  private final Vertx vertx = Vertx.vertx();
  @TempDir Path folder;

  @BeforeEach
  void captureLog() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void release() throws Exception {
    logger.detachAppender(log);
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private List<String> warnings() {
    return log.list.stream()
        .filter(event -> event.getLevel().toString().equals("WARN"))
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  private ServerOptions options(Map<String, String> env, String... flags) throws UsageException {
    String[] args = new String[flags.length + 8];
    args[0] = "--dapr-http-port";
    args[1] = "0";
    args[2] = "--dapr-grpc-port";
    args[3] = "0";
    args[4] = "--resources-path";
    args[5] = folder.toString();
    args[6] = "--metrics-port";
    args[7] = "0";
    System.arraycopy(flags, 0, args, 8, flags.length);
    return ServerOptions.fromArgs(args, env);
  }

  private void startAndStop(ServerOptions options) throws Exception {
    BindingsServer.start(vertx, options)
        .await(60, TimeUnit.SECONDS)
        .stop()
        .await(30, TimeUnit.SECONDS);
  }

  @Test
  void serverWithoutAnyBindingWarns() throws Exception {
    startAndStop(options(Map.of()));

    assertThat(warnings())
        .containsExactly(
            "no component in ["
                + folder
                + "] has a type this server serves (bindings.aws.ses): every binding request will"
                + " be answered 404");
  }

  @Test
  void serverWithOnlyOtherComponentTypesWarns() throws Exception {
    Files.writeString(
        folder.resolve("store.yaml"),
        """
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: statestore
        spec:
          type: state.redis
          version: v1
        """);

    startAndStop(options(Map.of()));

    assertThat(warnings()).anyMatch(warning -> warning.startsWith("no component in ["));
  }

  @Test
  void serverWithABindingDoesNotWarn() throws Exception {
    Files.writeString(folder.resolve("ses.yaml"), TestServer.outboxComponent("ses"));

    startAndStop(options(Map.of()));

    assertThat(warnings()).isEmpty();
  }

  /** 192.0.2.1 (TEST-NET-1) is no address of this machine: the bind fails, nothing is sent. */
  @Test
  void nonLoopbackAddressWithoutTokenWarnsBeforeListening() throws Exception {
    Files.writeString(folder.resolve("ses.yaml"), TestServer.outboxComponent("ses"));

    Throwable failure =
        catchThrowable(() -> startAndStop(options(Map.of(), "--listen-address", "192.0.2.1")));

    assertThat(failure).as("this machine has no such address").isNotNull();
    assertThat(warnings())
        .containsExactly(
            "listening on 192.0.2.1, which is not a loopback address, without DAPR_API_TOKEN:"
                + " anyone who reaches this port can send email as this server; set"
                + " DAPR_API_TOKEN");
  }

  @Test
  void nonLoopbackAddressWithTokenDoesNotWarn() throws Exception {
    Files.writeString(folder.resolve("ses.yaml"), TestServer.outboxComponent("ses"));

    Throwable failure =
        catchThrowable(
            () ->
                startAndStop(
                    options(Map.of("DAPR_API_TOKEN", "t0ken"), "--listen-address", "192.0.2.1")));

    assertThat(failure).as("this machine has no such address").isNotNull();
    assertThat(warnings()).isEmpty();
  }
}
