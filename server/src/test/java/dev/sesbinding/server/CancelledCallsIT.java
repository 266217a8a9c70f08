package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import dev.sesbinding.grpc.runtime.v1.DaprGrpc;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingRequest;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingResponse;
import dev.sesbinding.testing.Await;
import dev.sesbinding.testing.FaultySes;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller's cancel is its word: a gRPC cancel or reset, or an HTTP connection closed before the
 * answer, calls the send off when SES has not been called for it yet. SES (a recording stub) is
 * paced at 1.5 sends a second, so ten calls wait their turn (up to 6.7 s, within what a send may
 * wait), and the test cancels them 0.3 s after they start waiting.
 */
class CancelledCallsIT {
  @TempDir Path folder;
  private FaultySes ses;
  private TestServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    ses = FaultySes.start();
    ses.succeed();
    server =
        TestServer.start(
            folder,
            Map.of(),
            List.of(
                TestServer.sesComponent("ses", ses.endpoint().toString(), "maxSendRate", "1.5")));
    channel =
        NettyChannelBuilder.forAddress("127.0.0.1", server.server.grpcPort())
            .usePlaintext()
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close();
    }
    if (ses != null) {
      ses.close();
    }
  }

  private static InvokeBindingRequest email(String subject) {
    return InvokeBindingRequest.newBuilder()
        .setName("ses")
        .setOperation("create")
        .setData(ByteString.copyFromUtf8("\"<p>hi</p>\""))
        .putMetadata("emailTo", "to@example.com")
        .putMetadata("subject", subject)
        .build();
  }

  /** One send, answered: it takes the pace's first turn, so the next ones wait 0.67 s each. */
  private void takeTheFirstTurn() {
    InvokeBindingResponse first =
        DaprGrpc.newBlockingStub(channel)
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .invokeBinding(email("first"));
    assertThat(first.getMetadataMap()).containsKey("messageId");
    assertThat(ses.attempts()).isEqualTo(1);
  }

  @Test
  void tenGrpcCallsCancelledWhileWaitingTheirTurnSendNothing() throws Exception {
    takeTheFirstTurn();
    DaprGrpc.DaprFutureStub dapr =
        DaprGrpc.newFutureStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    List<ListenableFuture<InvokeBindingResponse>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(dapr.invokeBinding(email("cancelled " + i)));
    }
    Await.until(() -> server.server.inFlight() == 10, "ten calls wait their turn");
    Thread.sleep(300);

    calls.forEach(call -> call.cancel(true));

    Await.until(() -> server.server.inFlight() == 0, "the cancelled calls end");
    Thread.sleep(3_000); // four turns of the pace: a call not called off would have been sent
    assertThat(ses.attempts()).as("sends that reached SES").isEqualTo(1);
  }

  @Test
  void streamsResetRightAfterTheirRequestSendNothing() throws Exception {
    takeTheFirstTurn();
    for (int i = 0; i < 3_000; i++) {
      ClientCall<InvokeBindingRequest, InvokeBindingResponse> call =
          channel.newCall(DaprGrpc.getInvokeBindingMethod(), CallOptions.DEFAULT);
      call.start(new ClientCall.Listener<>() {}, new Metadata());
      call.sendMessage(email("reset " + i));
      call.halfClose();
      call.cancel("reset by the test", null);
    }

    Await.until(() -> server.server.inFlight() == 0, "every reset call ends");
    Thread.sleep(3_000);
    assertThat(ses.attempts()).as("sends that reached SES").isEqualTo(1);
    assertThat(
            DaprGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .invokeBinding(email("after"))
                .getMetadataMap())
        .containsKey("messageId");
  }

  @Test
  void httpConnectionsClosedWhileWaitingTheirTurnSendNothing() throws Exception {
    takeTheFirstTurn();
    List<Socket> callers = new ArrayList<>();
    String body = TestServer.VALID_REQUEST;
    for (int i = 0; i < 10; i++) {
      Socket caller = new Socket(InetAddress.getLoopbackAddress(), server.server.port());
      OutputStream out = caller.getOutputStream();
      out.write(
          ("POST /v1.0/bindings/ses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + body.getBytes(StandardCharsets.UTF_8).length
                  + "\r\n\r\n"
                  + body)
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      callers.add(caller);
    }
    Await.until(() -> server.server.inFlight() == 10, "ten calls wait their turn");

    for (Socket caller : callers) {
      caller.close();
    }

    Await.until(() -> server.server.inFlight() == 0, "the abandoned calls end");
    Thread.sleep(3_000);
    assertThat(ses.attempts()).as("sends that reached SES").isEqualTo(1);
  }
}
