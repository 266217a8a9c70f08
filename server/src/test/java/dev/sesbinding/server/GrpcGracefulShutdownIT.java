package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import dev.sesbinding.grpc.runtime.v1.DaprGrpc;
import dev.sesbinding.grpc.runtime.v1.GetMetadataRequest;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingRequest;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingResponse;
import dev.sesbinding.testing.Await;
import dev.sesbinding.testing.FaultySes;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the server while calls are in flight on both APIs: every gRPC call and every HTTP
 * request still gets its answer, then neither API accepts anything.
 */
class GrpcGracefulShutdownIT {
  private static final int CALLS = 20;

  @Test
  void stoppingWithCallsInFlightOnBothApisStillAnswersEveryOne(@TempDir Path folder)
      throws Exception {
    try (FaultySes ses = FaultySes.start()) {
      ses.delay(Duration.ofMillis(1500));
      TestServer server =
          TestServer.start(
              folder,
              Map.of(),
              List.of(TestServer.sesComponent("slow", ses.endpoint().toString())));
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", server.server.grpcPort())
              .usePlaintext()
              .build();
      try {
        DaprGrpc.DaprFutureStub dapr =
            DaprGrpc.newFutureStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        List<com.google.common.util.concurrent.ListenableFuture<InvokeBindingResponse>> grpcCalls =
            new ArrayList<>();
        List<
                io.vertx.core.Future<
                    io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>>
            httpCalls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
          grpcCalls.add(
              dapr.invokeBinding(
                  InvokeBindingRequest.newBuilder()
                      .setName("slow")
                      .setOperation("create")
                      .setData(ByteString.copyFrom("\"<b>Hi</b>\"", StandardCharsets.UTF_8))
                      .putMetadata("emailTo", "to@example.com")
                      .putMetadata("subject", "Hello")
                      .build()));
          httpCalls.add(
              server.sendAsync(
                  io.vertx.core.http.HttpMethod.POST,
                  "/v1.0/bindings/slow",
                  TestServer.VALID_REQUEST));
        }
        Await.until(() -> server.server.inFlight() == 2 * CALLS, "every call is in flight");

        server.server.stop().await(30, TimeUnit.SECONDS);

        for (var call : grpcCalls) {
          assertThat(call.get(30, TimeUnit.SECONDS).getMetadataMap())
              .containsEntry("messageId", "stub-message-id");
        }
        for (var call : httpCalls) {
          assertThat(call.await(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(ses.attempts()).isEqualTo(2 * CALLS);
        StatusRuntimeException after =
            catchThrowableOfType(
                StatusRuntimeException.class,
                () ->
                    DaprGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .getMetadata(GetMetadataRequest.getDefaultInstance()));
        assertThat(after.getStatus().getCode())
            .as("the gRPC API accepts nothing after stopping")
            .isEqualTo(Status.Code.UNAVAILABLE);
      } finally {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        server.clientVertx.close().await(10, TimeUnit.SECONDS);
      }
    }
  }
}
