package dev.sesbinding.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SES endpoint that answers every {@code SendEmail} with a valid response and does nothing else,
 * so that a benchmark measures the client's cost, not an emulator's; {@code GET /sent} answers how
 * many it has answered, so that a load generator that cannot read gRPC's status can count what got
 * through. Listens on 127.0.0.1 only.
 */
public final class FastSesStub implements AutoCloseable {
  private static final Buffer RESPONSE =
      Buffer.buffer(
          "<SendEmailResponse xmlns=\"http://ses.amazonaws.com/doc/"
              + "2010-12-01/\"><SendEmailResult><MessageId>0100018c-stub-message-id-000000</MessageId></SendEmailResult>"
              + "<ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>"
              + "</SendEmailResponse>");

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final HttpServer server;

  private FastSesStub(Vertx vertx, boolean ownsVertx, HttpServer server) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.server = server;
  }

  /** Starts the stub on one event loop of its own. */
  public static FastSesStub start(int port) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    return start(vertx, true, port);
  }

  private static FastSesStub start(Vertx vertx, boolean ownsVertx, int port) throws Exception {
    HttpServer server = vertx.createHttpServer();
    AtomicLong sent = new AtomicLong();
    server.requestHandler(
        request -> {
          if (HttpMethod.GET.equals(request.method()) && "/sent".equals(request.path())) {
            request.response().end(Long.toString(sent.get()));
            return;
          }
          request
              .end()
              .onComplete(
                  done -> {
                    sent.incrementAndGet();
                    request.response().putHeader("Content-Type", "text/xml").end(RESPONSE);
                  });
        });
    server.listen(port, "127.0.0.1").await(30, TimeUnit.SECONDS);
    return new FastSesStub(vertx, ownsVertx, server);
  }

  public int port() {
    return server.actualPort();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public void close() throws TimeoutException {
    Future<Void> closed = ownsVertx ? vertx.close() : server.close();
    closed.await(30, TimeUnit.SECONDS);
  }

  /**
   * {@code java -cp benchmarks.jar dev.sesbinding.benchmarks.FastSesStub [port]}: runs until
   * killed.
   */
  public static void main(String[] args) throws Exception {
    FastSesStub stub = start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
    System.out.println("fast SES stub listening on " + stub.endpoint());
  }
}
