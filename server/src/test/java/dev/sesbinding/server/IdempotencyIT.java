package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.testing.FaultySes;
import dev.sesbinding.testing.MotoServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code idempotencyKey} on one server, with moto as SES and a stand-in that takes a send and
 * hangs: concurrent calls with shared keys send each key's email once, a replay sends nothing, a
 * changed email with the same key is the caller's error, and a key whose send timed out is never
 * sent again unless the component says {@code resend}.
 */
class IdempotencyIT {
  @RegisterExtension static final MotoServer MOTO = MotoServer.create();
  @TempDir static Path folder;
  private static FaultySes hanging;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    MOTO.verifySender("from@example.com");
    hanging = FaultySes.start();
    hanging.delay(Duration.ofSeconds(6));
    server =
        TestServer.start(
            folder,
            Map.of(),
            List.of(
                moto("keyed", "idempotencyMaxKeys", "300"),
                moto("small", "idempotencyMaxKeys", "2"),
                TestServer.sesComponent("hangs", hanging.endpoint().toString()),
                TestServer.sesComponent(
                    "resends", hanging.endpoint().toString(), "idempotencyOnUnknown", "resend"),
                moto("required", "idempotencyRequired", "true")),
            "--request-timeout",
            "2s");
  }

  @AfterAll
  static void stop() {
    server.close();
    hanging.close();
  }

  private static String moto(String name, String... more) {
    List<String> pairs = new ArrayList<>();
    MOTO.componentMetadata(Map.of("emailFrom", "from@example.com"))
        .forEach(
            (key, value) -> {
              pairs.add(key);
              pairs.add(value);
            });
    pairs.addAll(List.of(more));
    return TestServer.component(name, pairs.toArray(String[]::new));
  }

  private static String email(String key, String subject) {
    return new JsonObject()
        .put("operation", "create")
        .put("data", "<p>Receipt</p>")
        .put(
            "metadata",
            new JsonObject()
                .put("emailTo", "ana@example.com")
                .put("subject", subject)
                .put("idempotencyKey", key))
        .encode();
  }

  private static int sentWithSubjectPrefix(String prefix) {
    return (int) MOTO.sentMessages().stream().filter(m -> m.subject().startsWith(prefix)).count();
  }

  @Test
  void twoHundredConcurrentCallsWithTwentyKeysSendTwentyEmailsAndAnswerEachKeysId()
      throws Exception {
    String run = UUID.randomUUID().toString();
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int key = i % 20;
      calls.add(
          server.sendAsync(
              HttpMethod.POST,
              "/v1.0/bindings/keyed",
              email(run + "-" + key, "Receipt " + run + " " + key)));
    }

    Map<Integer, Set<String>> idsByKey = new java.util.TreeMap<>();
    for (int i = 0; i < calls.size(); i++) {
      HttpResponse<Buffer> answer = calls.get(i).await(60, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
      idsByKey
          .computeIfAbsent(i % 20, k -> new HashSet<>())
          .add(answer.bodyAsJsonObject().getString("messageId"));
    }

    assertThat(sentWithSubjectPrefix("Receipt " + run)).isEqualTo(20);
    assertThat(idsByKey).hasSize(20).allSatisfy((key, ids) -> assertThat(ids).hasSize(1));
    assertThat(idsByKey.values().stream().flatMap(Set::stream).distinct()).hasSize(20);
  }

  @Test
  void aReplaySendsNothingAndSaysSoWhileAChangedEmailIsTheCallersError() {
    String key = UUID.randomUUID().toString();
    HttpResponse<Buffer> first = server.post("keyed", email(key, "Invoice " + key));

    HttpResponse<Buffer> replay = server.post("keyed", email(key, "Invoice " + key));
    HttpResponse<Buffer> changed = server.post("keyed", email(key, "Invoice changed " + key));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.bodyAsString()).isEqualTo(first.bodyAsString());
    assertThat(replay.getHeader("Metadata.idempotencyReplay")).isEqualTo("true");
    assertThat(first.getHeader("Metadata.idempotencyReplay")).isNull();
    assertThat(changed.statusCode()).isEqualTo(400);
    assertThat(changed.bodyAsJsonObject().getString("message"))
        .contains("was given to another email within the idempotency window");
    assertThat(sentWithSubjectPrefix("Invoice")).isEqualTo(1);
  }

  @Test
  void overDaprsGrpcApiAReplaySaysSoInItsMetadata() throws Exception {
    String key = UUID.randomUUID().toString();
    server.post("keyed", email(key, "Over gRPC " + key));
    io.grpc.ManagedChannel channel = server.grpcChannel();
    try {
      dev.sesbinding.grpc.runtime.v1.InvokeBindingResponse replay =
          dev.sesbinding.grpc.runtime.v1.DaprGrpc.newBlockingStub(channel)
              .withDeadlineAfter(30, TimeUnit.SECONDS)
              .invokeBinding(
                  dev.sesbinding.grpc.runtime.v1.InvokeBindingRequest.newBuilder()
                      .setName("keyed")
                      .setOperation("create")
                      .setData(com.google.protobuf.ByteString.copyFromUtf8("<p>Receipt</p>"))
                      .putMetadata("emailTo", "ana@example.com")
                      .putMetadata("subject", "Over gRPC " + key)
                      .putMetadata("idempotencyKey", key)
                      .build());

      assertThat(replay.getMetadataMap()).containsEntry("idempotencyReplay", "true");
      assertThat(sentWithSubjectPrefix("Over gRPC " + key)).isEqualTo(1);
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void keysInsideTheWindowAreNotForgottenWhenFullNewOnesAreRefusedWith429() {
    String run = UUID.randomUUID().toString();
    server.post("small", email(run + "-1", "Small " + run));
    server.post("small", email(run + "-2", "Small " + run + " 2"));

    HttpResponse<Buffer> third = server.post("small", email(run + "-3", "Small " + run + " 3"));
    HttpResponse<Buffer> replay = server.post("small", email(run + "-1", "Small " + run));

    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.getHeader("Retry-After")).isEqualTo("1");
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.getHeader("Metadata.idempotencyReplay")).isEqualTo("true");
    assertThat(sentWithSubjectPrefix("Small " + run)).isEqualTo(2);
  }

  @Test
  void aKeyWhoseSendTimedOutIsNeverSentAgainUnlessTheComponentSaysResend() throws Exception {
    hanging.resetAttempts();
    String key = UUID.randomUUID().toString();

    HttpResponse<Buffer> first = server.post("hangs", email(key, "Hangs"));
    int firstAttempts = hanging.attempts();
    HttpResponse<Buffer> retry = server.post("hangs", email(key, "Hangs"));
    int afterRetry = hanging.attempts();
    HttpResponse<Buffer> resendFirst = server.post("resends", email(key, "Hangs"));
    int afterResendFirst = hanging.attempts();
    HttpResponse<Buffer> resendRetry = server.post("resends", email(key, "Hangs"));

    assertThat(first.statusCode()).isEqualTo(504);
    assertThat(retry.statusCode()).isEqualTo(409);
    assertThat(retry.bodyAsJsonObject().getString("message"))
        .contains("whether it sent is unknown; this call sends nothing");
    assertThat(firstAttempts).as("the first call reached SES").isPositive();
    assertThat(afterRetry).as("the refused retry did not").isEqualTo(firstAttempts);
    assertThat(resendFirst.statusCode()).isEqualTo(504);
    assertThat(resendRetry.statusCode()).isEqualTo(504);
    assertThat(hanging.attempts())
        .as("with resend, the retry reached SES too")
        .isGreaterThan(afterResendFirst);
  }

  @Test
  void aComponentThatRequiresKeysRefusesACallWithoutOne() {
    HttpResponse<Buffer> answer =
        server.post(
            "required",
            "{\"operation\":\"create\",\"data\":\"x\",\"metadata\":{\"emailTo\":\"a@example.com\","
                + "\"subject\":\"No key\"}}");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.bodyAsJsonObject().getString("message"))
        .isEqualTo(
            "error invoking output binding required: SES binding error: component required"
                + " requires the metadata key idempotencyKey, one per email");
  }
}
