package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sesbinding.grpc.runtime.v1.DaprGrpc;
import dev.sesbinding.grpc.runtime.v1.GetMetadataRequest;
import dev.sesbinding.testing.Await;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --max-connections} counts the HTTP API's and the gRPC API's connections together: each is
 * a file descriptor of the same process.
 */
class SharedConnectionLimitIT {
  @TempDir Path folder;
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private ManagedChannel grpcChannel() {
    return NettyChannelBuilder.forAddress("127.0.0.1", server.server.grpcPort())
        .usePlaintext()
        .build();
  }

  private static DaprGrpc.DaprBlockingStub dapr(ManagedChannel channel) {
    return DaprGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  /** True when the server answers an HTTP request on a new connection, false when it closes it. */
  private boolean httpAnswers() {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.server.port())) {
      return answersHealth(socket);
    } catch (IOException closed) {
      return false;
    }
  }

  /** Asks for health on {@code socket}, keeping it open; true when the answer is 204. */
  private static boolean answersHealth(Socket socket) throws IOException {
    socket.setSoTimeout(30_000);
    socket
        .getOutputStream()
        .write("GET /v1.0/healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    InputStream in = socket.getInputStream();
    String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
    return head.startsWith("HTTP/1.1 204");
  }

  @Test
  void httpAndGrpcConnectionsCountTogetherAgainstMaxConnections() throws Exception {
    server =
        TestServer.start(
            folder,
            Map.of(),
            List.of(TestServer.outboxComponent("ses")),
            "--max-connections",
            "2",
            "--read-timeout",
            "60s");
    ManagedChannel first = grpcChannel();
    ManagedChannel second = grpcChannel();
    try (Socket httpConnection =
        new Socket(InetAddress.getLoopbackAddress(), server.server.port())) {
      assertThat(answersHealth(httpConnection)).as("an HTTP connection, kept alive").isTrue();
      dapr(first).getMetadata(GetMetadataRequest.getDefaultInstance()); // and a gRPC one

      Status refused =
          Status.fromThrowable(
              catchThrowableOfType(
                  Exception.class,
                  () -> dapr(second).getMetadata(GetMetadataRequest.getDefaultInstance())));

      assertThat(refused.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(httpAnswers()).as("a third connection, over HTTP").isFalse();
      assertThat(httpConnection.isConnected()).isTrue();
    }

    // the idle HTTP connection closed: its slot serves the second gRPC channel
    second.resetConnectBackoff();
    Await.until(
        () -> {
          try {
            dapr(second).getMetadata(GetMetadataRequest.getDefaultInstance());
            return true;
          } catch (RuntimeException notYet) {
            second.resetConnectBackoff();
            return false;
          }
        },
        "the second gRPC channel to be served once the HTTP connection closed");
    first.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    Await.until(this::httpAnswers, "HTTP to be served once the first gRPC channel closed");
    second.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }
}
