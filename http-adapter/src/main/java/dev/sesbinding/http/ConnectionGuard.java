package dev.sesbinding.http;

import dev.sesbinding.serving.Permits;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds connections: each takes one of the server's connection slots (one that finds none free is
 * closed at once) and gives it back when it closes; and none may hold the server while its request
 * headers trickle in (slowloris): a new connection's first request headers must arrive within the
 * read timeout, and on a connection kept alive the next request's headers within the idle timeout
 * of the last answer, or the connection closes.
 */
final class ConnectionGuard {
  private final Vertx vertx;
  private final Permits slots;
  private final long readTimeoutMillis;
  private final long idleTimeoutMillis;

  /** Each open connection and its header deadline's timer (-1 while a request is in progress). */
  private final Map<HttpConnection, Long> deadlines = new ConcurrentHashMap<>();

  ConnectionGuard(Vertx vertx, Permits slots, Duration readTimeout, Duration idleTimeout) {
    this.vertx = vertx;
    this.slots = slots;
    this.readTimeoutMillis = readTimeout.toMillis();
    this.idleTimeoutMillis = idleTimeout.toMillis();
  }

  /** A new connection: refused when there are too many, else its headers are awaited. */
  void opened(HttpConnection connection) {
    if (!slots.tryTake()) {
      connection.close();
      return;
    }
    deadlines.put(connection, arm(connection, readTimeoutMillis));
    connection.closeHandler(
        closed -> {
          Long timer = deadlines.remove(connection);
          if (timer != null) {
            cancel(timer);
            slots.giveBack();
          }
        });
  }

  /** A request's headers arrived: its connection has no header deadline until it is answered. */
  void requestStarted(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    Long timer = deadlines.replace(connection, -1L);
    cancel(timer);
  }

  /** A request was answered: the next one's headers are awaited on the kept-alive connection. */
  void requestEnded(HttpConnection connection) {
    deadlines.computeIfPresent(
        connection,
        (open, timer) -> {
          cancel(timer);
          return arm(connection, idleTimeoutMillis);
        });
  }

  int openConnections() {
    return deadlines.size();
  }

  private long arm(HttpConnection connection, long millis) {
    return vertx.setTimer(millis, fired -> connection.close());
  }

  private void cancel(Long timer) {
    if (timer != null && timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
