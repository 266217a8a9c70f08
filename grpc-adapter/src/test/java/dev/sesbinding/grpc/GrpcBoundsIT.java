package dev.sesbinding.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.core.ComponentInfo;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.core.RegisteredBinding;
import dev.sesbinding.grpc.runtime.v1.DaprGrpc;
import dev.sesbinding.grpc.runtime.v1.GetMetadataRequest;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingRequest;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingResponse;
import dev.sesbinding.serving.ApiOptions;
import dev.sesbinding.serving.BindingSource;
import dev.sesbinding.serving.ByteBudget;
import dev.sesbinding.serving.Capacity;
import dev.sesbinding.serving.InvocationPipeline;
import dev.sesbinding.serving.Permits;
import dev.sesbinding.serving.ServingLimits;
import dev.sesbinding.testing.Await;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API's resource bounds, over gRPC: message bytes drawn from the shared byte budget and
 * released when the call ends, and a request message that must arrive within the read timeout.
 */
class GrpcBoundsIT {
  private GrpcApi api;
  private Capacity capacity;
  private ManagedChannel channel;
  private final AtomicInteger invoked = new AtomicInteger();
  private volatile CompletableFuture<InvokeResponse> answer = new CompletableFuture<>();

  /** A binding that answers every call when the test completes {@link #answer}. */
  private final OutputBinding held =
      TestBindings.creating(
          request -> {
            invoked.incrementAndGet();
            return answer;
          });

  private DaprGrpc.DaprFutureStub start(long budget, Duration readTimeout) throws Exception {
    return start(budget, readTimeout, 10_000);
  }

  private DaprGrpc.DaprFutureStub start(long budget, Duration readTimeout, int connections)
      throws Exception {
    BindingRegistry registry =
        BindingRegistry.of(
            List.of(
                RegisteredBinding.of(new ComponentInfo("mail", "bindings.aws.ses", "v1"), held)),
            List.of());
    InvocationPipeline pipeline =
        InvocationPipeline.builder()
            .bindings(BindingSource.of(registry))
            .limits(
                ServingLimits.builder()
                    .maxBodySize(200 << 10)
                    .maxBufferedBytes(budget)
                    .readTimeout(readTimeout)
                    .maxConnections(connections)
                    .build())
            .build();
    capacity = pipeline.capacity();
    api = GrpcApi.start(registry, pipeline, ApiOptions.builder().port(0).build());
    channel = NettyChannelBuilder.forAddress("127.0.0.1", api.port()).usePlaintext().build();
    return DaprGrpc.newFutureStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  private static InvokeBindingRequest invoke(int bodyBytes) {
    return InvokeBindingRequest.newBuilder()
        .setName("mail")
        .setOperation("create")
        .setData(ByteString.copyFrom("x".repeat(bodyBytes), StandardCharsets.UTF_8))
        .putMetadata("emailTo", "to@example.com")
        .build();
  }

  @AfterEach
  void stop() throws Exception {
    answer.complete(new InvokeResponse(new byte[0], Map.of()));
    if (channel != null) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    if (api != null) {
      api.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void messagesPastTheSharedBudgetAreResourceExhaustedAndTheBytesComeBack() throws Exception {
    DaprGrpc.DaprFutureStub dapr = start(256 << 10, Duration.ofSeconds(10));
    ByteBudget budget = capacity.bytes();
    List<ListenableFuture<InvokeBindingResponse>> holding = new ArrayList<>();
    holding.add(dapr.invokeBinding(invoke(100 << 10)));
    holding.add(dapr.invokeBinding(invoke(100 << 10)));
    Await.until(() -> invoked.get() == 2, "two calls hold their bytes");
    assertThat(budget.held()).isGreaterThanOrEqualTo(200 << 10);

    Status status =
        Status.fromThrowable(
            catchThrowableOfType(
                java.util.concurrent.ExecutionException.class,
                () -> dapr.invokeBinding(invoke(100 << 10)).get(60, TimeUnit.SECONDS)));
    assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(status.getDescription())
        .isEqualTo(
            "too many request bytes held at once (limit 262144, --max-buffered-bytes); retry"
                + " later");
    assertThat(invoked.get()).as("the refused calls never reached the binding").isEqualTo(2);

    answer.complete(new InvokeResponse(new byte[0], Map.of("messageId", "m-1")));
    for (ListenableFuture<InvokeBindingResponse> call : holding) {
      assertThat(call.get(60, TimeUnit.SECONDS).getMetadataMap()).containsKey("messageId");
    }
    Await.until(() -> budget.held() == 0, "every byte released");
    assertThat(dapr.invokeBinding(invoke(100 << 10)).get(60, TimeUnit.SECONDS).getMetadataMap())
        .containsKey("messageId");
  }

  @Test
  void aMessageThatNeverArrivesEndsTheCallAtTheReadTimeout() throws Exception {
    start(1 << 20, Duration.ofMillis(500));
    CompletableFuture<Status> closed = new CompletableFuture<>();
    // As a streaming call, so that the client sends the headers at once (for a unary call it
    // waits for the message); the server serves the method as the unary call it is.
    ClientCall<InvokeBindingRequest, InvokeBindingResponse> call =
        channel.newCall(
            DaprGrpc.getInvokeBindingMethod().toBuilder()
                .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                .build(),
            CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS));
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onClose(Status status, Metadata trailers) {
            closed.complete(status);
          }
        },
        new Metadata());
    call.request(1); // headers go; the message never does

    Status status = closed.get(30, TimeUnit.SECONDS);

    assertThat(status.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(status.getDescription())
        .isEqualTo("the request message did not arrive within 500 ms (--read-timeout)");
    assertThat(invoked.get()).isZero();
    assertThat(api.inFlight()).isZero();
  }

  @Test
  void aMessageThatArrivesInTimeIsServedPastTheReadTimeout() throws Exception {
    DaprGrpc.DaprFutureStub dapr = start(1 << 20, Duration.ofMillis(300));
    ListenableFuture<InvokeBindingResponse> slow = dapr.invokeBinding(invoke(10));
    Await.until(() -> invoked.get() == 1, "the binding holds the call");
    Thread.sleep(900); // three read timeouts: the answer is not the message's to wait for

    answer.complete(new InvokeResponse(new byte[0], Map.of("messageId", "m-2")));

    assertThat(slow.get(60, TimeUnit.SECONDS).getMetadataMap()).containsEntry("messageId", "m-2");
  }

  @Test
  void aConnectionPastTheSharedSlotsIsClosedAtOnceAndServedOnceOneIsGivenBack() throws Exception {
    start(1 << 20, Duration.ofSeconds(10), 2);
    Permits slots = capacity.connections();
    assertThat(slots.tryTake()).as("another adapter's connection").isTrue();
    DaprGrpc.DaprBlockingStub first =
        DaprGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    first.getMetadata(GetMetadataRequest.getDefaultInstance());
    assertThat(slots.taken()).isEqualTo(2);
    ManagedChannel second =
        NettyChannelBuilder.forAddress("127.0.0.1", api.port()).usePlaintext().build();
    try {
      DaprGrpc.DaprBlockingStub refused =
          DaprGrpc.newBlockingStub(second).withDeadlineAfter(30, TimeUnit.SECONDS);

      Status status =
          Status.fromThrowable(
              catchThrowableOfType(
                  Exception.class,
                  () -> refused.getMetadata(GetMetadataRequest.getDefaultInstance())));

      assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(slots.taken()).as("the closed connection took no slot").isEqualTo(2);

      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      second.resetConnectBackoff(); // it retries on its own too, once the first's slot is back
      DaprGrpc.newBlockingStub(second)
          .withWaitForReady()
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .getMetadata(GetMetadataRequest.getDefaultInstance());
      assertThat(slots.taken()).isEqualTo(2);
    } finally {
      second.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    Await.until(() -> slots.taken() == 1, "every gRPC slot to come back once closed");
  }
}
