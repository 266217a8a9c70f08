package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import com.google.rpc.RetryInfo;
import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.core.ComponentInfo;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.core.RegisteredBinding;
import dev.sesbinding.grpc.ComponentClient;
import dev.sesbinding.grpc.GrpcApi;
import dev.sesbinding.grpc.PluggableComponent;
import dev.sesbinding.grpc.components.v1.OutputBindingInitRequest;
import dev.sesbinding.grpc.runtime.v1.DaprGrpc;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingRequest;
import dev.sesbinding.http.BindingsVerticle;
import dev.sesbinding.serving.ApiOptions;
import dev.sesbinding.serving.BindingSource;
import dev.sesbinding.serving.Capacity;
import dev.sesbinding.serving.InvocationPipeline;
import dev.sesbinding.serving.ServingLimits;
import dev.sesbinding.testing.Await;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One server's limits bound every way in together: the HTTP API, Dapr's gRPC API and the component
 * socket, assembled here over one {@link Capacity} as the server assembles its ways in. Calls held
 * by a binding that does not answer fill {@code --max-in-flight} (or {@code --max-buffered-bytes})
 * across the three, and the next call of any kind is refused from the table, with when to retry.
 */
class SharedCapacityIT {
  @TempDir Path folder;
  private final Vertx vertx = Vertx.vertx();
  private final List<CompletableFuture<InvokeResponse>> held = new CopyOnWriteArrayList<>();
  private final Map<String, CompletableFuture<InvokeResponse>> heldByData =
      new ConcurrentHashMap<>();
  private final List<Socket> stalled = new CopyOnWriteArrayList<>();
  private Capacity capacity;
  private GrpcApi grpc;
  private PluggableComponent socket;
  private ManagedChannel channel;
  private ComponentClient component;
  private WebClient http;

  /** A binding that answers no call until the test ends. */
  private final OutputBinding hangs =
      new OutputBinding() {
        @Override
        public Set<String> operations() {
          return Set.of("create");
        }

        @Override
        public CompletionStage<InvokeResponse> invoke(InvokeRequest request) {
          CompletableFuture<InvokeResponse> answer = new CompletableFuture<>();
          held.add(answer);
          heldByData.put(new String(request.data(), StandardCharsets.UTF_8), answer);
          return answer;
        }

        @Override
        public void close() {}
      };

  private int start(ServingLimits limits) throws Exception {
    BindingRegistry registry =
        BindingRegistry.of(
            List.of(RegisteredBinding.of(new ComponentInfo("mail", "bindings.test", "v1"), hangs)),
            List.of());
    capacity = Capacity.of(limits);
    InvocationPipeline pipeline =
        InvocationPipeline.builder()
            .bindings(BindingSource.of(registry))
            .limits(limits)
            .capacity(capacity)
            .build();
    BindingsVerticle api = new BindingsVerticle(registry, pipeline, ApiOptions.builder().build());
    vertx.deployVerticle(api).await(30, TimeUnit.SECONDS);
    grpc = GrpcApi.start(registry, pipeline, ApiOptions.builder().build());
    socket =
        PluggableComponent.start(
            folder.resolve("ses.sock"),
            PluggableComponent.DEFAULT_SOCKET_MODE,
            (name, properties) -> CompletableFuture.completedFuture(hangs),
            InvocationPipeline.builder().limits(limits).capacity(capacity));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", grpc.port()).usePlaintext().build();
    component = ComponentClient.connect(socket.socket());
    component.blocking("mail").init(OutputBindingInitRequest.getDefaultInstance());
    http = WebClient.create(vertx);
    return api.actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    held.forEach(answer -> answer.complete(new InvokeResponse(new byte[0], Map.of())));
    for (Socket connection : stalled) {
      connection.close();
    }
    if (channel != null) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    if (component != null) {
      component.close();
    }
    if (grpc != null) {
      grpc.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (socket != null) {
      socket.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private io.vertx.core.Future<HttpResponse<Buffer>> httpCall(int port, String data) {
    return http.post(port, "127.0.0.1", "/v1.0/bindings/mail")
        .sendBuffer(Buffer.buffer("{\"operation\":\"create\",\"data\":\"" + data + "\"}"));
  }

  private CompletionStage<?> grpcCall(String data) {
    return toStage(
        DaprGrpc.newFutureStub(channel)
            .withDeadlineAfter(60, TimeUnit.SECONDS)
            .invokeBinding(
                InvokeBindingRequest.newBuilder()
                    .setName("mail")
                    .setOperation("create")
                    .setData(ByteString.copyFromUtf8(data))
                    .build()));
  }

  private CompletionStage<?> socketCall(String data) {
    return toStage(
        component
            .async("mail")
            .withDeadlineAfter(60, TimeUnit.SECONDS)
            .invoke(
                dev.sesbinding.grpc.components.v1.InvokeRequest.newBuilder()
                    .setOperation("create")
                    .setData(ByteString.copyFromUtf8(data))
                    .build()));
  }

  private static <T> CompletionStage<T> toStage(
      com.google.common.util.concurrent.ListenableFuture<T> future) {
    CompletableFuture<T> stage = new CompletableFuture<>();
    future.addListener(
        () -> {
          try {
            stage.complete(future.get());
          } catch (java.util.concurrent.ExecutionException e) {
            stage.completeExceptionally(e.getCause());
          } catch (InterruptedException e) {
            stage.completeExceptionally(e);
          }
        },
        Runnable::run);
    return stage;
  }

  /** The refusal a gRPC call ended with, and its RetryInfo's delay in seconds. */
  private static void assertRefusedWithRetryInfo(CompletionStage<?> call, String message)
      throws Exception {
    StatusRuntimeException error =
        (StatusRuntimeException)
            catchThrowableOfType(
                    java.util.concurrent.ExecutionException.class,
                    () -> call.toCompletableFuture().get(30, TimeUnit.SECONDS))
                .getCause();
    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(error.getStatus().getDescription()).isEqualTo(message);
    RetryInfo retry = StatusProto.fromThrowable(error).getDetails(0).unpack(RetryInfo.class);
    assertThat(retry.getRetryDelay().getSeconds()).isEqualTo(1);
  }

  @Test
  void maxInFlightCountsHttpGrpcAndSocketCallsTogether() throws Exception {
    int port = start(ServingLimits.builder().maxInFlight(3).build());
    var httpHeld = httpCall(port, "one");
    var grpcHeld = grpcCall("two");
    var socketHeld = socketCall("three");
    Await.until(() -> held.size() == 3, "one call of each way in reached the binding");

    HttpResponse<Buffer> httpRefused = httpCall(port, "four").await(30, TimeUnit.SECONDS);
    String refused =
        "error invoking output binding mail: too many requests in flight (limit 3,"
            + " --max-in-flight); retry later";
    String refusedToDaprd = refused.substring("error invoking output binding mail: ".length());

    assertThat(httpRefused.statusCode()).isEqualTo(429);
    assertThat(httpRefused.getHeader("Retry-After")).isEqualTo("1");
    assertThat(httpRefused.bodyAsJsonObject().getString("message")).isEqualTo(refused);
    assertRefusedWithRetryInfo(grpcCall("five"), refused);
    assertRefusedWithRetryInfo(socketCall("six"), refusedToDaprd);
    assertThat(held).as("no refused call reached the binding").hasSize(3);
    assertThat(capacity.inFlight().taken()).isEqualTo(3);

    heldByData.get("\"two\"").complete(new InvokeResponse(new byte[0], Map.of()));
    grpcHeld.toCompletableFuture().get(30, TimeUnit.SECONDS);
    Await.until(() -> capacity.inFlight().taken() == 2, "the answered call gave its place back");
    var admitted = socketCall("seven");
    Await.until(() -> held.size() == 4, "the next call of any kind is served again");
    assertThat(httpHeld.isComplete()).isFalse();
    assertThat(socketHeld.toCompletableFuture().isDone()).isFalse();
    assertThat(admitted.toCompletableFuture().isDone()).isFalse();
  }

  @Test
  void maxBufferedBytesCountsHttpGrpcAndSocketBytesTogether() throws Exception {
    int port =
        start(
            ServingLimits.builder()
                .maxBodySize(100 << 10)
                .maxBufferedBytes(300 << 10)
                .readTimeout(Duration.ofSeconds(60))
                .build());
    Socket body = new Socket(InetAddress.getLoopbackAddress(), port);
    stalled.add(body);
    OutputStream out = body.getOutputStream();
    out.write(
        ("POST /v1.0/bindings/mail HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + (100 << 10)
                + "\r\n\r\n{\"operation\"")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    Await.until(() -> capacity.bytes().held() == 100 << 10, "the stalled HTTP body holds 100 KiB");
    grpcCall("x".repeat(90 << 10));
    socketCall("y".repeat(90 << 10));
    Await.until(() -> held.size() == 2, "a gRPC and a socket call hold their bytes");
    assertThat(capacity.bytes().held()).isGreaterThanOrEqualTo(280 << 10);

    HttpResponse<Buffer> httpRefused =
        httpCall(port, "z".repeat(50 << 10)).await(30, TimeUnit.SECONDS);
    String refused =
        "too many request bytes held at once (limit 307200, --max-buffered-bytes); retry later";

    assertThat(httpRefused.statusCode()).isEqualTo(429);
    assertThat(httpRefused.getHeader("Retry-After")).isEqualTo("1");
    assertThat(httpRefused.bodyAsJsonObject().getString("message"))
        .isEqualTo("error invoking output binding mail: " + refused);
    assertRefusedWithRetryInfo(grpcCall("z".repeat(50 << 10)), refused);
    assertRefusedWithRetryInfo(socketCall("z".repeat(50 << 10)), refused);
    assertThat(held).as("no refused call reached the binding").hasSize(2);
  }
}
