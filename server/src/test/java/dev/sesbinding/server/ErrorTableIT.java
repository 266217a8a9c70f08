package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.rpc.RetryInfo;
import dev.sesbinding.core.BindingException;
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
import dev.sesbinding.serving.ErrorCase;
import dev.sesbinding.serving.InvocationPipeline;
import dev.sesbinding.serving.ServingLimits;
import dev.sesbinding.serving.WayIn;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the error table, over every way in: a request that meets the row is answered with
 * the row's HTTP status, {@code errorCode} and {@code Retry-After}, or its gRPC code and {@code
 * RetryInfo}; a row a way in cannot meet says why. The three ways in are assembled here as the
 * server assembles them, over one pipeline and capacity.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorTableIT {
  private static final String TOKEN = "t0ken";
  private static final Metadata.Key<String> TOKEN_HEADER =
      Metadata.Key.of("dapr-api-token", Metadata.ASCII_STRING_MARSHALLER);

  @TempDir static Path folder;
  private final Vertx vertx = Vertx.vertx();
  private int httpPort;
  private GrpcApi grpc;
  private PluggableComponent socket;
  private ManagedChannel channel;
  private ComponentClient component;

  /** An answer as the way in gave it: an HTTP status with its head and body, or a gRPC status. */
  private record Answer(int httpStatus, String head, String body, StatusRuntimeException grpc) {}

  /** A binding that first runs {@code thrown} (which may throw), then answers {@code answer}. */
  private static OutputBinding failing(CompletionStage<InvokeResponse> answer, Runnable thrown) {
    return new OutputBinding() {
      @Override
      public Set<String> operations() {
        return Set.of("create");
      }

      @Override
      public CompletionStage<InvokeResponse> invoke(InvokeRequest request) {
        thrown.run();
        return answer;
      }

      @Override
      public void close() {}
    };
  }

  private static OutputBinding failsWith(BindingException.Kind kind) {
    return failing(
        CompletableFuture.failedFuture(new BindingException(kind, "it failed as " + kind)),
        () -> {});
  }

  private static final Map<String, OutputBinding> BINDINGS =
      Map.of(
          "caller", failsWith(BindingException.Kind.CALLER),
          "rejected", failsWith(BindingException.Kind.REJECTED),
          "throttled", failsWith(BindingException.Kind.THROTTLED),
          "unavailable", failsWith(BindingException.Kind.UNAVAILABLE),
          "hangs", failing(new CompletableFuture<>(), () -> {}),
          "bug",
              failing(
                  null,
                  () -> {
                    throw new IllegalStateException("a bug");
                  }),
          "starved",
              failing(
                  null,
                  () -> {
                    throw new OutOfMemoryError("Java heap space");
                  }));

  @BeforeAll
  void start() throws Exception {
    BindingRegistry registry =
        BindingRegistry.of(
            BINDINGS.entrySet().stream()
                .map(
                    entry ->
                        RegisteredBinding.of(
                            new ComponentInfo(entry.getKey(), "bindings.test", "v1"),
                            entry.getValue()))
                .toList(),
            List.of());
    ServingLimits limits =
        ServingLimits.builder()
            .maxBodySize(64 << 10)
            .requestTimeout(Duration.ofMillis(500))
            .readTimeout(Duration.ofMillis(500))
            .build();
    InvocationPipeline pipeline =
        InvocationPipeline.builder().bindings(BindingSource.of(registry)).limits(limits).build();
    ApiOptions withToken = ApiOptions.builder().apiToken(TOKEN).build();
    BindingsVerticle http = new BindingsVerticle(registry, pipeline, withToken);
    vertx.deployVerticle(http).await(30, TimeUnit.SECONDS);
    httpPort = http.actualPort();
    grpc = GrpcApi.start(registry, pipeline, withToken);
    socket =
        PluggableComponent.start(
            folder.resolve("t.sock"),
            PluggableComponent.DEFAULT_SOCKET_MODE,
            (name, properties) -> CompletableFuture.completedFuture(BINDINGS.get(name)),
            InvocationPipeline.builder().limits(limits).capacity(pipeline.capacity()));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", grpc.port()).usePlaintext().build();
    component = ComponentClient.connect(socket.socket());
    for (String name : BINDINGS.keySet()) {
      component.blocking(name).init(OutputBindingInitRequest.getDefaultInstance());
    }
  }

  @AfterAll
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    component.close();
    grpc.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    socket.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  // ---- how each way in is asked -------------------------------------------------------------

  /** Sends {@code request} as raw HTTP/1.1 and reads the whole answer. */
  private Answer http(String request) throws Exception {
    try (Socket connection = new Socket(InetAddress.getLoopbackAddress(), httpPort)) {
      connection.setSoTimeout(30_000);
      OutputStream out = connection.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = connection.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int split = answer.indexOf("\r\n\r\n");
      return new Answer(
          Integer.parseInt(answer.substring(9, 12)),
          answer.substring(0, split),
          answer.substring(split + 4),
          null);
    }
  }

  private static String post(String path, String body, boolean token) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
        + (token ? "dapr-api-token: " + TOKEN + "\r\n" : "")
        + "Content-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  private static String invoke(String name) {
    return post("/v1.0/bindings/" + name, "{\"operation\":\"create\",\"data\":\"hi\"}", true);
  }

  private static String get(String path, String extraHeader) {
    return "GET "
        + path
        + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\ndapr-api-token: "
        + TOKEN
        + "\r\n"
        + extraHeader
        + "\r\n";
  }

  private Answer grpc(String name, ByteString data, boolean token) {
    Metadata headers = new Metadata();
    if (token) {
      headers.put(TOKEN_HEADER, TOKEN);
    }
    DaprGrpc.DaprBlockingStub dapr =
        DaprGrpc.newBlockingStub(channel)
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    return failed(
        () ->
            dapr.invokeBinding(
                InvokeBindingRequest.newBuilder()
                    .setName(name)
                    .setOperation("create")
                    .setData(data)
                    .build()));
  }

  private Answer socket(String instance, ByteString data) {
    return failed(
        () ->
            component
                .blocking(instance)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .invoke(
                    dev.sesbinding.grpc.components.v1.InvokeRequest.newBuilder()
                        .setOperation("create")
                        .setData(data)
                        .build()));
  }

  private static Answer failed(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return new Answer(0, "", "", e);
    }
    throw new AssertionError("the call succeeded");
  }

  /** A call on {@code on} whose request message never comes: the read deadline ends it. */
  private static Answer messageNeverSent(io.grpc.Channel on, String method) {
    AtomicReference<Status> closed = new AtomicReference<>();
    CompletableFuture<Metadata> trailers = new CompletableFuture<>();
    ClientCall<byte[], byte[]> call =
        on.newCall(
            io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder()
                // not UNARY: grpc-java's client holds a unary call's headers until its message
                .setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
                .setFullMethodName(method)
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build(),
            CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS));
    Metadata headers = new Metadata();
    headers.put(TOKEN_HEADER, TOKEN);
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onClose(Status status, Metadata received) {
            closed.set(status);
            trailers.complete(received);
          }
        },
        headers);
    call.request(1);
    try {
      Metadata received = trailers.get(30, TimeUnit.SECONDS);
      return new Answer(0, "", "", closed.get().asRuntimeException(received));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static final io.grpc.MethodDescriptor.Marshaller<byte[]> BYTES =
      new io.grpc.MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new java.io.ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      };

  private static ByteString utf8(String text) {
    return ByteString.copyFromUtf8(text);
  }

  // ---- the rows, each way in ----------------------------------------------------------------

  /** What meets a row over one way in. */
  @FunctionalInterface
  private interface Trigger {
    Answer answer(ErrorTableIT test) throws Exception;
  }

  private static final Map<WayIn, Map<ErrorCase, Trigger>> MEETS = new EnumMap<>(WayIn.class);

  /** The rows a way in cannot meet, and why. */
  private static final Map<WayIn, Map<ErrorCase, String>> CANNOT = new EnumMap<>(WayIn.class);

  private static void meets(WayIn way, ErrorCase row, Trigger trigger) {
    MEETS.computeIfAbsent(way, w -> new EnumMap<>(ErrorCase.class)).put(row, trigger);
  }

  private static void cannot(WayIn way, ErrorCase row, String why) {
    CANNOT.computeIfAbsent(way, w -> new EnumMap<>(ErrorCase.class)).put(row, why);
  }

  static {
    String noBug = "a bug outside a binding: no request reaches it (the router's last resort)";
    String stopping = "only while the server stops (GracefulShutdownIT, GrpcGracefulShutdownIT)";
    String gone = "the caller is gone: nobody reads it (InvocationPipelineTest, cancel tests)";
    String idempotency =
        "an idempotency key whose first send may have gone: IdempotencyIT meets it";
    meets(
        WayIn.HTTP,
        ErrorCase.MALFORMED_REQUEST,
        t -> t.http(post("/v1.0/bindings/caller", "not json", true)));
    meets(WayIn.HTTP, ErrorCase.INVALID_REQUEST, t -> t.http(invoke("caller")));
    meets(
        WayIn.HTTP,
        ErrorCase.UNAUTHENTICATED,
        t -> t.http(post("/v1.0/bindings/caller", "{}", false)));
    meets(WayIn.HTTP, ErrorCase.BINDING_NOT_FOUND, t -> t.http(invoke("nope")));
    meets(WayIn.HTTP, ErrorCase.NOT_FOUND, t -> t.http(get("/v1.0/outbox/caller", "")));
    meets(WayIn.HTTP, ErrorCase.NO_SUCH_METHOD, t -> t.http(get("/v1.0/nothing", "")));
    meets(WayIn.HTTP, ErrorCase.METHOD_NOT_ALLOWED, t -> t.http(get("/v1.0/bindings/caller", "")));
    meets(
        WayIn.HTTP,
        ErrorCase.READ_TIMEOUT,
        t ->
            t.http(
                post("/v1.0/bindings/caller", "{}", true)
                    .replace("Content-Length: 2", "Content-Length: 20")));
    meets(
        WayIn.HTTP,
        ErrorCase.TOO_LARGE,
        t -> t.http(post("/v1.0/bindings/caller", "x".repeat(65 << 10), true)));
    meets(WayIn.HTTP, ErrorCase.URI_TOO_LONG, t -> t.http(get("/v1.0/" + "x".repeat(8192), "")));
    meets(
        WayIn.HTTP,
        ErrorCase.HEADERS_TOO_LARGE,
        t -> t.http(get("/v1.0/metadata", "X-Big: " + "x".repeat(10_000) + "\r\n")));
    meets(WayIn.HTTP, ErrorCase.REJECTED, t -> t.http(invoke("rejected")));
    meets(WayIn.HTTP, ErrorCase.OVERLOADED, t -> t.http(invoke("starved")));
    meets(WayIn.HTTP, ErrorCase.THROTTLED, t -> t.http(invoke("throttled")));
    meets(WayIn.HTTP, ErrorCase.BINDING_FAILED, t -> t.http(invoke("bug")));
    cannot(WayIn.HTTP, ErrorCase.INTERNAL, noBug);
    cannot(WayIn.HTTP, ErrorCase.NOT_INITIALISED, "only the component socket has instances");
    cannot(WayIn.HTTP, ErrorCase.INIT_FAILED, "a server whose component fails init does not start");
    cannot(WayIn.HTTP, ErrorCase.NOT_READY, stopping);
    meets(WayIn.HTTP, ErrorCase.UNAVAILABLE, t -> t.http(invoke("unavailable")));
    meets(WayIn.HTTP, ErrorCase.TIMEOUT, t -> t.http(invoke("hangs")));
    cannot(WayIn.HTTP, ErrorCase.CANCELLED, gone);
    cannot(WayIn.HTTP, ErrorCase.OUTCOME_UNKNOWN, idempotency);

    for (WayIn way : List.of(WayIn.GRPC, WayIn.PLUGGABLE)) {
      boolean dapr = way == WayIn.GRPC;
      java.util.function.BiFunction<String, ByteString, Trigger> call =
          (name, data) -> t -> dapr ? t.grpc(name, data, true) : t.socket(name, data);
      meets(
          way,
          ErrorCase.MALFORMED_REQUEST,
          call.apply("caller", ByteString.copyFrom(new byte[] {(byte) 0xff})));
      meets(way, ErrorCase.INVALID_REQUEST, call.apply("caller", utf8("hi")));
      meets(way, ErrorCase.REJECTED, call.apply("rejected", utf8("hi")));
      meets(way, ErrorCase.OVERLOADED, call.apply("starved", utf8("hi")));
      meets(way, ErrorCase.THROTTLED, call.apply("throttled", utf8("hi")));
      meets(way, ErrorCase.BINDING_FAILED, call.apply("bug", utf8("hi")));
      meets(way, ErrorCase.UNAVAILABLE, call.apply("unavailable", utf8("hi")));
      meets(way, ErrorCase.TIMEOUT, call.apply("hangs", utf8("hi")));
      meets(way, ErrorCase.TOO_LARGE, call.apply("caller", utf8("x".repeat(65 << 10))));
      meets(
          way,
          ErrorCase.READ_TIMEOUT,
          t ->
              messageNeverSent(
                  dapr ? t.channel : t.component.channel(),
                  dapr
                      ? "dapr.proto.runtime.v1.Dapr/InvokeBinding"
                      : "dapr.proto.components.v1.OutputBinding/Invoke"));
      meets(
          way,
          ErrorCase.NO_SUCH_METHOD,
          t ->
              messageNeverSent(
                  dapr ? t.channel : t.component.channel(),
                  "dapr.proto.runtime.v1.Dapr/SaveState"));
      cannot(way, ErrorCase.NOT_FOUND, "the outbox's API is HTTP's");
      cannot(
          way,
          ErrorCase.METHOD_NOT_ALLOWED,
          "HTTP's methods; gRPC has only methods that exist or not");
      cannot(way, ErrorCase.URI_TOO_LONG, "HTTP's request line");
      cannot(way, ErrorCase.HEADERS_TOO_LARGE, "HTTP/2's header list limit is the transport's");
      cannot(way, ErrorCase.INTERNAL, noBug);
      cannot(way, ErrorCase.NOT_READY, stopping);
      cannot(way, ErrorCase.CANCELLED, gone);
      cannot(way, ErrorCase.OUTCOME_UNKNOWN, idempotency);
    }
    meets(WayIn.GRPC, ErrorCase.UNAUTHENTICATED, t -> t.grpc("caller", utf8("hi"), false));
    meets(WayIn.GRPC, ErrorCase.BINDING_NOT_FOUND, t -> t.grpc("nope", utf8("hi"), true));
    cannot(WayIn.GRPC, ErrorCase.NOT_INITIALISED, "only the component socket has instances");
    cannot(WayIn.GRPC, ErrorCase.INIT_FAILED, "a server whose component fails init does not start");
    cannot(
        WayIn.PLUGGABLE,
        ErrorCase.INIT_FAILED,
        "Init's answer, not a call's: PluggableComponentIT and PluggableComponentJarIT check it");
    cannot(
        WayIn.PLUGGABLE, ErrorCase.UNAUTHENTICATED, "daprd is the socket's only caller: no token");
    cannot(
        WayIn.PLUGGABLE,
        ErrorCase.BINDING_NOT_FOUND,
        "an instance daprd never initialised is NOT_INITIALISED");
    meets(
        WayIn.PLUGGABLE, ErrorCase.NOT_INITIALISED, t -> t.socket("never-initialised", utf8("hi")));
  }

  static Stream<Arguments> metRows() {
    List<Arguments> rows = new ArrayList<>();
    MEETS.forEach(
        (way, triggers) -> triggers.keySet().forEach(row -> rows.add(Arguments.of(way, row))));
    return rows.stream();
  }

  @Test
  void everyRowIsMetOrSaysWhyOnEveryWayIn() {
    for (WayIn way : WayIn.values()) {
      for (ErrorCase row : ErrorCase.values()) {
        boolean met = MEETS.getOrDefault(way, Map.of()).containsKey(row);
        boolean excused = CANNOT.getOrDefault(way, Map.of()).containsKey(row);
        assertThat(met ^ excused)
            .as("%s over %s: met or excused, not both or neither", row, way)
            .isTrue();
      }
    }
  }

  @ParameterizedTest(name = "{1} over {0}")
  @MethodSource("metRows")
  void theAnswerIsTheRowsOwn(WayIn way, ErrorCase row) throws Exception {
    Answer answer = MEETS.get(way).get(row).answer(this);

    if (way == WayIn.HTTP) {
      assertThat(answer.httpStatus()).as("status").isEqualTo(row.httpStatus());
      assertThat(answer.head().toLowerCase(java.util.Locale.ROOT).contains("\r\nretry-after: "))
          .as("Retry-After")
          .isEqualTo(row.retryAfter());
      if (row.errorCode().isEmpty()) {
        assertThat(answer.body()).isEqualTo("invalid api token\n");
      } else {
        assertThat(answer.body()).contains("\"errorCode\":\"" + row.errorCode() + "\"");
      }
    } else {
      Status status = answer.grpc().getStatus();
      assertThat(status.getCode().name()).as("code").isEqualTo(row.grpcCode().name());
      com.google.rpc.Status details = StatusProto.fromThrowable(answer.grpc());
      boolean retryInfo =
          details != null
              && details.getDetailsList().stream().anyMatch(any -> any.is(RetryInfo.class));
      assertThat(retryInfo).as("RetryInfo").isEqualTo(row.retryAfter());
    }
  }
}
