package dev.sesbinding.server;

import dev.sesbinding.core.ses.SesHttpAnswer;
import dev.sesbinding.core.ses.SesHttpClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * SES's Query calls over Vert.x's HTTP client, on the server's own event loops: one pool of
 * keep-alive connections for every binding of the server, at most {@link #MAX_CONNECTIONS} at once;
 * an answer's body is held whole up to {@link #MAX_ANSWER_BYTES} (SES's answers are a few hundred
 * bytes; a bulk send's, a few KiB), and a longer one aborts the exchange.
 */
final class VertxSesHttpClient implements SesHttpClient, AutoCloseable {
  static final int MAX_CONNECTIONS = 64;
  static final int MAX_ANSWER_BYTES = 1 << 20;

  /** Below the idle time after which SES (or a proxy before it) closes a kept-alive connection. */
  private static final int KEEP_ALIVE_SECONDS = 15;

  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  private final HttpClient client;

  VertxSesHttpClient(Vertx vertx) {
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .setKeepAliveTimeout(KEEP_ALIVE_SECONDS)
                .setDecompressionSupported(false)
                .setVerifyHost(true),
            new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
  }

  @Override
  @SuppressWarnings("FutureReturnValueIgnored") // the callback resets; the answer is returned
  public CompletableFuture<SesHttpAnswer> post(
      URI uri, Map<String, List<String>> headers, byte[] body) {
    CompletableFuture<SesHttpAnswer> answer = new CompletableFuture<>();
    RequestOptions options =
        new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri.toString());
    headers.forEach(
        (name, values) -> {
          if (!name.equalsIgnoreCase("Host")) { // Vert.x writes the same host[:port]
            values.forEach(value -> options.addHeader(name, value));
          }
        });
    client
        .request(options)
        .onComplete(
            connected -> {
              if (connected.failed()) {
                answer.completeExceptionally(notSent(connected.cause()));
                return;
              }
              HttpClientRequest request = connected.result();
              if (answer.isDone()) {
                request.reset();
                return;
              }
              answer.whenComplete(
                  (value, failure) -> {
                    if (failure != null) {
                      request.reset();
                    }
                  });
              request.exceptionHandler(failure -> answer.completeExceptionally(broken(failure)));
              request
                  .send(Buffer.buffer(body))
                  .onComplete(
                      responded -> {
                        if (responded.failed()) {
                          answer.completeExceptionally(broken(responded.cause()));
                        } else {
                          read(responded.result(), answer);
                        }
                      });
            });
    return answer;
  }

  /**
   * Holds the body up to the bound; a longer one, or one said to be longer, fails the answer, which
   * resets the request.
   */
  private static void read(HttpClientResponse response, CompletableFuture<SesHttpAnswer> answer) {
    String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && declaredBytes(length) > MAX_ANSWER_BYTES) {
      answer.completeExceptionally(tooLong());
      return;
    }
    if (response.statusCode() < 100 || response.statusCode() > 599) {
      answer.completeExceptionally(
          new IOException("SES answered with HTTP status " + response.statusCode()));
      return;
    }
    Buffer whole = Buffer.buffer();
    response.exceptionHandler(failure -> answer.completeExceptionally(broken(failure)));
    response.handler(
        chunk -> {
          if (whole.length() + chunk.length() > MAX_ANSWER_BYTES) {
            answer.completeExceptionally(tooLong());
          } else if (!answer.isDone()) {
            whole.appendBuffer(chunk);
          }
        });
    response.endHandler(
        end -> answer.complete(SesHttpAnswer.of(response.statusCode(), whole.getBytes())));
  }

  /** The length a {@code Content-Length} declares; one that is not a number counts as too long. */
  private static long declaredBytes(String length) {
    try {
      long bytes = Long.parseLong(length.strip());
      return bytes < 0 ? Long.MAX_VALUE : bytes;
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static IOException tooLong() {
    return new IOException("SES's answer is longer than " + MAX_ANSWER_BYTES + " bytes");
  }

  private static ConnectException notSent(Throwable failure) {
    ConnectException notSent = new ConnectException(String.valueOf(failure.getMessage()));
    notSent.initCause(failure);
    return notSent;
  }

  private static IOException broken(Throwable failure) {
    return failure instanceof IOException io
        ? io
        : new IOException(
            failure.getClass().getSimpleName() + ": " + failure.getMessage(), failure);
  }

  /** Closes the pool's connections, without waiting; idempotent. */
  @Override
  public void close() {
    client.close();
  }
}
