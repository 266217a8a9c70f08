package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.ses.SesHttpAnswer;
import dev.sesbinding.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server's SES client against endpoints on 127.0.0.1 that misbehave as no emulator does: an
 * answer streamed past the bound without a length, and a caller who cancels while SES has not
 * answered.
 */
class VertxSesHttpClientIT {
  private static final byte[] FORM = "Action=SendEmail".getBytes(StandardCharsets.US_ASCII);

  private final Vertx vertx = Vertx.vertx();
  private final VertxSesHttpClient client = new VertxSesHttpClient(vertx);

  @AfterEach
  void close() throws Exception {
    client.close();
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private URI endpoint(Consumer<io.vertx.core.http.HttpServerRequest> handler) throws Exception {
    HttpServer server =
        vertx.createHttpServer().requestHandler(handler::accept).listen(0, "127.0.0.1").await();
    return URI.create("http://127.0.0.1:" + server.actualPort() + "/");
  }

  @Test
  void aChunkedAnswerPastTheBoundFailsTheExchange() throws Exception {
    Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
    URI uri =
        endpoint(
            request -> {
              request.response().setChunked(true);
              for (int i = 0; i < 32; i++) { // 2 MiB, no Content-Length
                request.response().write(chunk);
              }
              request.response().end();
            });

    CompletableFuture<SesHttpAnswer> answer = client.post(uri, Map.of(), FORM);

    Throwable failure = catchFailure(answer);
    assertThat(failure)
        .isInstanceOf(IOException.class)
        .hasMessage(
            "SES's answer is longer than " + VertxSesHttpClient.MAX_ANSWER_BYTES + " bytes");
  }

  @Test
  void cancellingAnUnansweredExchangeClosesItsStream() throws Exception {
    AtomicInteger received = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    URI uri =
        endpoint(
            request -> {
              received.incrementAndGet();
              request.connection().closeHandler(ignored -> closed.incrementAndGet());
              // never answers
            });
    CompletableFuture<SesHttpAnswer> answer =
        client.post(uri, Map.of("Content-Type", List.of("text/plain")), FORM);
    Await.until(() -> received.get() == 1, "the request arrived", Duration.ofSeconds(30));

    answer.cancel(true);

    Await.until(
        () -> closed.get() == 1,
        "the connection of the cancelled exchange closed",
        Duration.ofSeconds(30));
  }

  @Test
  void anAnswerIsHeldWhole() throws Exception {
    URI uri = endpoint(request -> request.response().setStatusCode(400).end("<ErrorResponse/>"));

    SesHttpAnswer answer = client.post(uri, Map.of(), FORM).get(30, TimeUnit.SECONDS);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.toString()).isEqualTo("SesHttpAnswer[status=400, 16 bytes]");
  }

  private static Throwable catchFailure(CompletableFuture<?> future) throws Exception {
    try {
      future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the exchange did not fail");
  }
}
