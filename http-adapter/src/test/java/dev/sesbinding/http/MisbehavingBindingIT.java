package dev.sesbinding.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.serving.ServingLimits;
import dev.sesbinding.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bindings that break their contract still get their caller one clear answer: one that never
 * answers gets a 504 at the request timeout (the server's own deadline), one that fails or throws
 * unexpectedly a 500 without a trace.
 */
@ExtendWith(VertxExtension.class)
class MisbehavingBindingIT {
  private static final long TIMEOUT_MILLIS = 500;
  private BindingsVerticle verticle;
  private WebClient client;

  private static final OutputBinding NEVER_ANSWERS = new ScriptedBinding(CompletableFuture::new);
  private static final OutputBinding FAILS =
      new ScriptedBinding(
          () ->
              CompletableFuture.failedFuture(
                  new IllegalStateException("a bug, with a secret in its message")));
  private static final OutputBinding THROWS =
      new ScriptedBinding(
          () -> {
            throw new IllegalStateException("a bug, with a secret in its message");
          });
  private static final OutputBinding THROWS_CALLER_ERROR =
      new ScriptedBinding(
          () -> {
            throw new BindingException(BindingException.Kind.CALLER, "subject is missing");
          });

  /** Memory running out, in the stage and thrown: the server's trouble, never a 400 or a 500. */
  private static final OutputBinding STARVED_STAGE =
      new ScriptedBinding(
          () -> CompletableFuture.failedFuture(new OutOfMemoryError("Java heap space")));

  private static final OutputBinding STARVED_THROW =
      new ScriptedBinding(
          () -> {
            throw new OutOfMemoryError("Java heap space");
          });

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext context) throws Exception {
    verticle =
        ScriptedBinding.verticle(
            Map.of(
                "stuck",
                NEVER_ANSWERS,
                "fails",
                FAILS,
                "throws",
                THROWS,
                "refuses",
                THROWS_CALLER_ERROR,
                "starvedStage",
                STARVED_STAGE,
                "starvedThrow",
                STARVED_THROW),
            ServingLimits.builder().requestTimeout(Duration.ofMillis(TIMEOUT_MILLIS)).build());
    client = WebClient.create(vertx);
    vertx.deployVerticle(verticle).onComplete(context.succeedingThenComplete());
  }

  /** On the test thread: the server counts a request out only after its answer is written. */
  @AfterEach
  void nothingIsLeftInFlight() throws InterruptedException {
    Await.until(() -> verticle.inFlight() == 0, "the in-flight count is back to zero");
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void bindingThatNeverAnswersIs504AtTheRequestTimeout(VertxTestContext context) {
    long started = System.nanoTime();
    client
        .post(verticle.actualPort(), "127.0.0.1", "/v1.0/bindings/stuck")
        .sendBuffer(Buffer.buffer("{\"operation\":\"create\"}"))
        .onComplete(
            context.succeeding(
                (HttpResponse<Buffer> response) ->
                    context.verify(
                        () -> {
                          long elapsedMillis =
                              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                          assertThat(response.statusCode()).isEqualTo(504);
                          assertThat(response.bodyAsJsonObject().getString("message"))
                              .isEqualTo(
                                  "error invoking output binding stuck: no answer within the request timeout");
                          assertThat(elapsedMillis)
                              .isBetween(TIMEOUT_MILLIS, TIMEOUT_MILLIS + 5000);
                          context.completeNow();
                        })));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "fails, 500, internal error (IllegalStateException)",
    "throws, 500, internal error (IllegalStateException)",
    "refuses, 400, subject is missing",
    "starvedStage, 429, the server is short of memory; retry later",
    "starvedThrow, 429, the server is short of memory; retry later"
  })
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void failureOrThrowIsAnsweredAsDaprErrorWithoutTrace(
      String binding, int status, String detail, VertxTestContext context) {
    client
        .post(verticle.actualPort(), "127.0.0.1", "/v1.0/bindings/" + binding)
        .sendBuffer(Buffer.buffer("{\"operation\":\"create\"}"))
        .onComplete(
            context.succeeding(
                (HttpResponse<Buffer> response) ->
                    context.verify(
                        () -> {
                          assertThat(response.statusCode()).isEqualTo(status);
                          assertThat(response.bodyAsJsonObject().getString("errorCode"))
                              .isEqualTo("ERR_INVOKE_OUTPUT_BINDING");
                          assertThat(response.bodyAsJsonObject().getString("message"))
                              .isEqualTo(
                                  "error invoking output binding " + binding + ": " + detail);
                          assertThat(response.getHeader("Retry-After"))
                              .as("Retry-After, on a 429 only")
                              .isEqualTo(status == 429 ? "1" : null);
                          assertThat(response.bodyAsString())
                              .doesNotContain("secret")
                              .doesNotContain("\tat ");
                          context.completeNow();
                        })));
  }
}
