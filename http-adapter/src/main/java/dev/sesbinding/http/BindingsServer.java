package dev.sesbinding.http;

import dev.sesbinding.http.components.ComponentLoader;
import dev.sesbinding.http.components.SecretStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server: reads the flags, loads the components, initialises the bindings, serves the API, and on SIGTERM stops
 * accepting, lets requests in flight finish, closes the bindings and exits 0. A component that cannot be initialised
 * stops the start with a message naming it, and exit code 1.
 */
public final class BindingsServer {
  private static final Logger LOG = LoggerFactory.getLogger(BindingsServer.class);

  private final Vertx vertx;
  private final BindingsVerticle verticle;

  private BindingsServer(Vertx vertx, BindingsVerticle verticle) {
    this.vertx = vertx;
    this.verticle = verticle;
  }

  public static void main(String[] args) {
    int code = run(args, System.getenv(), System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Starts the server and returns 0 while it runs, or the exit code of a failed start (1) or bad usage (2). */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (java.util.Arrays.asList(args).contains("--help")) {
      out.print(ServerOptions.help());
      return 0;
    }
    ServerOptions options;
    try {
      options = ServerOptions.fromArgs(args, env);
    } catch (UsageException e) {
      err.println("ses-binding: " + e.getMessage());
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    try {
      BindingsServer server = start(vertx, options).await(5, TimeUnit.MINUTES);
      onTermination(() -> {
        server.stopAndWait(options.gracePeriod());
        System.exit(0);
      });
      return 0;
    } catch (Exception e) {
      Throwable cause = e.getCause() != null && !(e instanceof dev.sesbinding.http.components.ComponentException)
          ? e.getCause() : e;
      err.println("ses-binding: cannot start: " + (cause.getMessage() == null ? cause : cause.getMessage()));
      vertx.close();
      return 1;
    }
  }

  /** SIGTERM and SIGINT stop the server cleanly and exit 0 (the JVM's own handling would exit 143). */
  @SuppressWarnings("restriction")
  private static void onTermination(Runnable stop) {
    for (String name : new String[] {"TERM", "INT"}) {
      sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> new Thread(stop, "ses-binding-shutdown").start());
    }
  }

  /** Loads the components of {@code options}, initialises them, and serves the API on {@code vertx}. */
  public static Future<BindingsServer> start(Vertx vertx, ServerOptions options) {
    return ComponentLoader.load(vertx, options.resourcesPaths())
        .compose(definitions -> SecretStores.load(vertx, definitions, options.env())
            .compose(secrets -> Bindings.init(vertx, definitions, secrets, options.requestTimeout())))
        .compose(bindings -> {
          BindingsVerticle verticle = new BindingsVerticle(bindings, options);
          return vertx.deployVerticle(verticle)
              .recover(failure -> {
                bindings.close();
                return Future.failedFuture(failure);
              })
              .map(id -> {
                LOG.info("ses-binding ready on http://{}:{} (app id {}; components: {})", options.listenAddress(),
                    verticle.actualPort(), options.appId(), bindings.components().stream()
                        .map(c -> c.name() + " (" + c.type() + "/" + c.version() + ")")
                        .collect(Collectors.joining(", ")));
                return new BindingsServer(vertx, verticle);
              });
        });
  }

  public int port() {
    return verticle.actualPort();
  }

  /** Binding requests being handled now. */
  public int inFlight() {
    return verticle.inFlight();
  }

  /** Stops accepting, lets requests in flight finish, closes the bindings and Vert.x. */
  public Future<Void> stop() {
    LOG.info("ses-binding stopping: finishing requests in flight");
    return vertx.close();
  }

  private void stopAndWait(Duration gracePeriod) {
    try {
      stop().await(gracePeriod.toMillis() + 10_000, TimeUnit.MILLISECONDS);
      LOG.info("ses-binding stopped");
    } catch (Exception e) {
      LOG.warn("ses-binding did not stop cleanly: {}", e.toString());
    }
  }
}
