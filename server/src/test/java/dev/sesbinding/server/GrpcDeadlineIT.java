package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import dev.sesbinding.grpc.runtime.v1.DaprGrpc;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingRequest;
import dev.sesbinding.testing.Await;
import dev.sesbinding.testing.FaultySes;
import dev.sesbinding.testing.SesReply;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller's gRPC deadline shorter than the server's request timeout (20 s by default): the call
 * ends at the caller's deadline, and SES sees no attempt after it (the send is cancelled, not left
 * to retry until the SDK's own 15 s call timeout).
 */
class GrpcDeadlineIT {

  @Test
  void callersDeadlineEndsTheCallAndNoSesAttemptFollows(@TempDir Path folder) throws Exception {
    try (FaultySes ses = FaultySes.start()) {
      ses.succeed();
      TestServer server =
          TestServer.start(
              folder,
              Map.of(),
              List.of(TestServer.sesComponent("hung", ses.endpoint().toString())));
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", server.server.grpcPort())
              .usePlaintext()
              .build();
      try {
        // one send first: the SDK client is warm, so the hung attempt starts at once
        assertThat(server.post("hung", TestServer.VALID_REQUEST).statusCode()).isEqualTo(200);
        ses.resetAttempts();
        ses.always(SesReply.neverAnswer());
        long started = System.nanoTime();
        StatusRuntimeException error =
            catchThrowableOfType(
                StatusRuntimeException.class,
                () ->
                    DaprGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(3, TimeUnit.SECONDS)
                        .invokeBinding(
                            InvokeBindingRequest.newBuilder()
                                .setName("hung")
                                .setOperation("create")
                                .setData(ByteString.copyFromUtf8("\"<b>Hi</b>\""))
                                .putMetadata("emailTo", "to@example.com")
                                .putMetadata("subject", "Hello")
                                .build()));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Await.until(() -> server.server.inFlight() == 0, "the call freed its place");
        int attemptsAtTheDeadline = ses.attempts();

        // The SDK's attempt timeout is 5 s: without cancellation, a second attempt comes then.
        Thread.sleep(6000);

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(elapsedMillis).as("at the caller's deadline, not at 20 s").isLessThan(8000);
        assertThat(attemptsAtTheDeadline).isEqualTo(1);
        assertThat(ses.attempts()).as("no SES attempt after the deadline").isEqualTo(1);
      } finally {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        server.close();
      }
    }
  }
}
