package dev.sesbinding.server;

import static dev.sesbinding.server.TestServer.VALID_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.testing.Await;
import dev.sesbinding.testing.FaultySes;
import dev.sesbinding.testing.SesReply;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces as OpenTelemetry's {@code OTEL_*} variables configure them, exported by OTLP to a
 * receiver: a server span per call, the child of the caller's {@code traceparent}, with a client
 * span per SES attempt under it; the answer carries the call's {@code traceparent} over HTTP and
 * gRPC; no address, subject or body in any attribute. Without the variables nothing is traced and
 * the caller's {@code traceparent} comes back as it went.
 */
class TracingIT {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + TRACE + "-" + CALLER_SPAN + "-01";

  @TempDir Path folder;
  private FaultySes ses;
  private OtlpReceiver otlp;
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (otlp != null) {
      otlp.close();
    }
    if (ses != null) {
      ses.close();
    }
  }

  /** OpenTelemetry's variables that send traces to {@code receiver} by OTLP, each 100 ms. */
  private static Map<String, String> exportingTo(OtlpReceiver receiver) {
    return Map.of(
        "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
        "OTEL_BSP_SCHEDULE_DELAY", "100");
  }

  private TestServer start(Map<String, String> env) throws Exception {
    ses = FaultySes.start();
    return TestServer.start(
        Files.createDirectories(folder.resolve("server")),
        env,
        List.of(TestServer.sesComponent("ses", ses.endpoint().toString())));
  }

  @Test
  void aCallIsASpanUnderTheCallersTraceWithASpanPerSesAttempt() throws Exception {
    otlp = OtlpReceiver.start();
    server = start(exportingTo(otlp));
    ses.next(
        SesReply.error(400, "Throttling", "Maximum sending rate exceeded."),
        SesReply.success("m-1"));

    HttpResponse<Buffer> answer =
        server.post("ses", VALID_REQUEST, "traceparent", TRACEPARENT, "tracestate", "vendor=1");

    assertThat(answer.statusCode()).isEqualTo(200);
    String returned = answer.getHeader("traceparent");
    assertThat(returned).startsWith("00-" + TRACE + "-").doesNotContain(CALLER_SPAN);
    assertThat(answer.getHeader("tracestate")).isEqualTo("vendor=1");
    Await.until(() -> otlp.spans().size() >= 3, "three spans exported", Duration.ofSeconds(30));
    List<Span> spans = otlp.spans();
    Span call =
        spans.stream()
            .filter(span -> span.getKind() == Span.SpanKind.SPAN_KIND_SERVER)
            .findFirst()
            .orElseThrow();
    assertThat(hex(call.getTraceId().toByteArray())).isEqualTo(TRACE);
    assertThat(hex(call.getParentSpanId().toByteArray())).isEqualTo(CALLER_SPAN);
    assertThat(returned.split("-", -1)[2]).isEqualTo(hex(call.getSpanId().toByteArray()));
    assertThat(call.getName()).isEqualTo("bindings/ses create");
    assertThat(attributes(call))
        .containsEntry("ses_binding.component", "ses")
        .containsEntry("ses_binding.way_in", "http")
        .containsEntry("ses_binding.result", "success");
    List<Span> attempts =
        spans.stream().filter(span -> span.getKind() == Span.SpanKind.SPAN_KIND_CLIENT).toList();
    assertThat(attempts).hasSize(2);
    assertThat(attempts)
        .allSatisfy(
            attempt -> {
              assertThat(attempt.getTraceId()).isEqualTo(call.getTraceId());
              assertThat(attempt.getParentSpanId()).isEqualTo(call.getSpanId());
            });
    assertThat(attempts.stream().map(attempt -> attributes(attempt).get("ses_binding.ses.outcome")))
        .containsExactlyInAnyOrder("throttled", "success");
    assertThat(spans.toString())
        .doesNotContain("to@example.com")
        .doesNotContain("from@example.com")
        .doesNotContain("Hello")
        .doesNotContain("StubSecretValue");
  }

  @Test
  void aGrpcCallAnswersWithItsTraceparentInTheHeaders() throws Exception {
    otlp = OtlpReceiver.start();
    server = start(exportingTo(otlp));
    ses.succeed();

    String returned = grpcTraceparent(TRACEPARENT);

    assertThat(returned).startsWith("00-" + TRACE + "-").doesNotContain(CALLER_SPAN);
    Await.until(
        () ->
            otlp.spans().stream()
                .anyMatch(
                    span -> attributes(span).getOrDefault("ses_binding.way_in", "").equals("grpc")),
        "the gRPC call's span exported",
        Duration.ofSeconds(30));
  }

  @Test
  void withoutOtelVariablesTheCallersTraceparentComesBackAsItWent() throws Exception {
    server = start(Map.of());
    ses.succeed();

    HttpResponse<Buffer> answer = server.post("ses", VALID_REQUEST, "traceparent", TRACEPARENT);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.getHeader("traceparent")).isEqualTo(TRACEPARENT);
    assertThat(
            server
                .post("ses", VALID_REQUEST, "traceparent", "not-a-traceparent")
                .getHeader("traceparent"))
        .isNull();
  }

  private String grpcTraceparent(String traceparent) throws InterruptedException {
    io.grpc.ManagedChannel channel = server.grpcChannel();
    try {
      io.grpc.Metadata sent = new io.grpc.Metadata();
      io.grpc.Metadata.Key<String> key =
          io.grpc.Metadata.Key.of("traceparent", io.grpc.Metadata.ASCII_STRING_MARSHALLER);
      sent.put(key, traceparent);
      AtomicReference<io.grpc.Metadata> headers = new AtomicReference<>();
      AtomicReference<io.grpc.Metadata> trailers = new AtomicReference<>();
      dev.sesbinding.grpc.runtime.v1.DaprGrpc.newBlockingStub(channel)
          .withInterceptors(
              io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(sent),
              io.grpc.stub.MetadataUtils.newCaptureMetadataInterceptor(headers, trailers))
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .invokeBinding(TestServer.grpcEmail("ses"));
      return headers.get().get(key);
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static Map<String, String> attributes(Span span) {
    return span.getAttributesList().stream()
        .collect(
            java.util.stream.Collectors.toMap(
                KeyValue::getKey,
                value ->
                    value.getValue().hasIntValue()
                        ? Long.toString(value.getValue().getIntValue())
                        : value.getValue().getStringValue()));
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
