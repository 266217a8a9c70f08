package dev.sesbinding.server;

import dev.sesbinding.server.logging.LogFormat;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code java -jar ses-binding-server.jar}: reads the flags, starts the server on a {@link Vertx}
 * of its own, and on SIGTERM or SIGINT stops accepting, lets requests in flight finish, closes the
 * bindings and Vert.x, and exits as the JVM does on a signal (143 after SIGTERM, 130 after SIGINT),
 * every other shutdown hook run. A component that cannot be initialised stops the start with a
 * message naming it, and exit code 1.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    // grpc-java logs through java.util.logging: route it to logback, whose levels then apply to it
    // (a malformed HTTP/2 connection no longer prints grpc-java's 30-line INFO trace to stderr)
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    int code = run(args, System.getenv(), System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Starts the server and returns 0 while it runs, or the exit code of a failed start (1) or bad
   * usage (2).
   */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (Arrays.asList(args).contains("--help")) {
      out.print(Flag.help());
      return 0;
    }
    if (Arrays.asList(args).contains("--version")) {
      out.println("ses-binding " + version());
      return 0;
    }
    ServerOptions options;
    try {
      options = ServerOptions.fromArgs(args, env);
    } catch (UsageException e) {
      err.println("ses-binding: " + e.getMessage());
      return 2;
    }
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.sesbinding"))
        .setLevel(ch.qos.logback.classic.Level.toLevel(options.logLevel()));
    if (options.logAsJson()) {
      LogFormat.useJson(options.appId(), version());
    }
    if (options.isPluggable()) {
      return runPluggable(options, err);
    }
    Vertx vertx = Vertx.vertx();
    BindingsServer server;
    try {
      server = BindingsServer.start(vertx, options).await(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      Throwable cause =
          e.getCause() != null && !(e instanceof dev.sesbinding.components.ComponentException)
              ? e.getCause()
              : e;
      err.println(
          "ses-binding: cannot start: "
              + (cause.getMessage() == null ? cause : cause.getMessage()));
      vertx.close();
      return 1;
    }
    onShutdown(
        () -> {
          server.stop().await(stopWait(options), TimeUnit.MILLISECONDS);
          vertx.close().await(10, TimeUnit.SECONDS);
        });
    return 0;
  }

  /** The version the jar's manifest names, or {@code development} outside a built jar. */
  static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  /** {@code --pluggable NAME}: the component on its socket, stopped as the server is. */
  private static int runPluggable(ServerOptions options, PrintStream err) {
    PluggableServer component;
    try {
      component = PluggableServer.start(options);
    } catch (IOException | RuntimeException e) {
      err.println("ses-binding: cannot start: " + e.getMessage());
      return 1;
    }
    onShutdown(
        () -> component.stop().toCompletableFuture().get(stopWait(options), TimeUnit.MILLISECONDS));
    Thread serving =
        new Thread(
            () -> {
              try {
                component.awaitTermination();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "ses-binding-component");
    serving.start(); // not a daemon: the process lives while the component serves
    return 0;
  }

  /** On SIGTERM or SIGINT: {@code stopping}, in the JVM's shutdown (see {@link #stop}). */
  private static void onShutdown(Stopping stopping) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(stopping), "ses-binding-shutdown"));
  }

  private static long stopWait(ServerOptions options) {
    return options.gracePeriod().toMillis() + 10_000;
  }

  /** What a shutdown stops, in order; it may wait. */
  @FunctionalInterface
  private interface Stopping {
    void run() throws Exception;
  }

  /**
   * The JVM's shutdown hook (SIGTERM, SIGINT): whoever opened closes, the server (or component)
   * first, then the {@code Vertx} this class made. It never halts: the other hooks (logging's, an
   * embedding program's) finish too, and the JVM then exits with the signal's code.
   */
  private static void stop(Stopping stopping) {
    try {
      stopping.run();
      LOG.info("ses-binding stopped");
    } catch (Exception e) {
      LOG.warn("ses-binding did not stop cleanly: {}", e.toString());
    }
  }
}
