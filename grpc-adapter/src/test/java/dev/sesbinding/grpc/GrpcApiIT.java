package dev.sesbinding.grpc;

import static dev.sesbinding.grpc.TestBindings.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.RetryInfo;
import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.core.ComponentInfo;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.core.RegisteredBinding;
import dev.sesbinding.grpc.runtime.v1.DaprGrpc;
import dev.sesbinding.grpc.runtime.v1.GetMetadataRequest;
import dev.sesbinding.grpc.runtime.v1.GetMetadataResponse;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingResponse;
import dev.sesbinding.serving.ApiOptions;
import dev.sesbinding.serving.BindingSource;
import dev.sesbinding.serving.ErrorCase;
import dev.sesbinding.serving.InvocationPipeline;
import dev.sesbinding.serving.ServingLimits;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Dapr's runtime gRPC API over loopback TCP, with bindings that answer as each test needs: the data
 * rule, every row of the error table a call can meet, the token, deadlines, limits and methods this
 * server does not serve.
 */
class GrpcApiIT {
  private GrpcApi api;
  private ManagedChannel channel;
  private final AtomicReference<InvokeRequest> received = new AtomicReference<>();

  /** A binding that records what it received and answers with {@code answer}. */
  private OutputBinding binding(Function<InvokeRequest, CompletionStage<InvokeResponse>> answer) {
    return TestBindings.creating(
        request -> {
          received.set(request);
          return answer.apply(request);
        });
  }

  private OutputBinding answersWithId() {
    return binding(request -> TestBindings.sentAs("m-1"));
  }

  private DaprGrpc.DaprBlockingStub start(
      OutputBinding mail, Function<ApiOptions.Builder, ApiOptions.Builder> options)
      throws IOException {
    return start(mail, ServingLimits.builder().build(), options);
  }

  private DaprGrpc.DaprBlockingStub start(
      OutputBinding mail,
      ServingLimits limits,
      Function<ApiOptions.Builder, ApiOptions.Builder> options)
      throws IOException {
    BindingRegistry registry =
        BindingRegistry.of(
            List.of(
                RegisteredBinding.of(new ComponentInfo("mail", "bindings.aws.ses", "v1"), mail)),
            List.of(new ComponentInfo("secrets", "secretstores.local.env", "v1")));
    api =
        GrpcApi.start(
            registry,
            InvocationPipeline.builder()
                .bindings(BindingSource.of(registry))
                .limits(limits)
                .build(),
            options.apply(ApiOptions.builder().port(0)).build());
    channel = NettyChannelBuilder.forAddress("127.0.0.1", api.port()).usePlaintext().build();
    return DaprGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @AfterEach
  void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    if (api != null) {
      api.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void invokeAnswersTheBindingsDataAndMetadata() throws Exception {
    DaprGrpc.DaprBlockingStub dapr = start(answersWithId(), options -> options);

    InvokeBindingResponse response = dapr.invokeBinding(invoke("mail", utf8("\"<b>Hi</b>\"")));

    assertThat(response.getData().toStringUtf8()).isEqualTo("{\"messageId\":\"m-1\"}");
    assertThat(response.getMetadataMap()).containsEntry("messageId", "m-1");
    assertThat(received.get().operation()).isEqualTo("create");
    assertThat(received.get().metadata()).containsEntry("emailTo", "to@example.com");
  }

  @Test
  void goQuotedDataReachesTheBindingAsItIs() throws Exception {
    DaprGrpc.DaprBlockingStub dapr = start(answersWithId(), options -> options);

    dapr.invokeBinding(invoke("mail", utf8("\"<b>Hi</b>\"")));

    assertThat(new String(received.get().data(), StandardCharsets.UTF_8))
        .isEqualTo("\"<b>Hi</b>\"");
  }

  @Test
  void rawUtf8DataIsQuotedForTheBinding() throws Exception {
    DaprGrpc.DaprBlockingStub dapr = start(answersWithId(), options -> options);

    dapr.invokeBinding(invoke("mail", utf8("<b>Grüße</b> \"quoted\"")));

    assertThat(new String(received.get().data(), StandardCharsets.UTF_8))
        .isEqualTo("\"<b>Grüße</b> \\\"quoted\\\"\"");
  }

  @Test
  void aJsonObjectReachesTheBindingAsItIs() throws Exception {
    DaprGrpc.DaprBlockingStub dapr = start(answersWithId(), options -> options);

    dapr.invokeBinding(invoke("mail", utf8("{\"html\":\"<b>Hi</b>\",\"text\":\"Hi\"}")));

    assertThat(new String(received.get().data(), StandardCharsets.UTF_8))
        .isEqualTo("{\"html\":\"<b>Hi</b>\",\"text\":\"Hi\"}");
  }

  @Test
  void invalidUtf8IsInvalidArgument() throws Exception {
    DaprGrpc.DaprBlockingStub dapr = start(answersWithId(), options -> options);

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> dapr.invokeBinding(invoke("mail", new byte[] {(byte) 0xC3, (byte) 0x28})));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(error.getStatus().getDescription())
        .isEqualTo("error invoking output binding mail: data is not valid UTF-8");
    assertThat(received.get()).as("the binding never saw it").isNull();
  }

  @Test
  void aGoQuotedStringOrJsonObjectOfBytesThatAreNotUtf8IsInvalidArgumentAsOverHttp()
      throws Exception {
    DaprGrpc.DaprBlockingStub dapr = start(answersWithId(), options -> options);

    byte[] quoted = {'"', (byte) 0xff, '"'};
    byte[] object = "{\"html\":\"?\"}".getBytes(StandardCharsets.US_ASCII);
    object[9] = (byte) 0xff; // {"html":"<0xff>"}
    for (byte[] data : List.of(quoted, object)) {
      StatusRuntimeException error =
          catchThrowableOfType(
              StatusRuntimeException.class, () -> dapr.invokeBinding(invoke("mail", data)));

      assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(error.getStatus().getDescription())
          .isEqualTo("error invoking output binding mail: data is not valid UTF-8");
    }
    assertThat(received.get()).as("the binding never saw them (never as U+FFFD)").isNull();
  }

  @Test
  void unknownBindingIsNotFoundInDaprsWords() throws Exception {
    DaprGrpc.DaprBlockingStub dapr = start(answersWithId(), options -> options);

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> dapr.invokeBinding(invoke("nope", utf8("\"x\""))));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(error.getStatus().getDescription())
        .isEqualTo("error invoking output binding nope: couldn't find output binding nope");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(BindingException.Kind.class)
  void everyFailureKindHasItsRowsCode(BindingException.Kind kind) throws Exception {
    DaprGrpc.DaprBlockingStub dapr =
        start(
            binding(
                request ->
                    CompletableFuture.failedFuture(
                        new BindingException(kind, "it failed", null, Duration.ofSeconds(7)))),
            options -> options);

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> dapr.invokeBinding(invoke("mail", utf8("\"x\""))));

    ErrorCase row = ErrorCase.of(kind);
    assertThat(error.getStatus().getCode()).isEqualTo(GrpcErrors.code(row.grpcCode()));
    assertThat(error.getStatus().getDescription())
        .isEqualTo("error invoking output binding mail: it failed");
    RetryInfo retry = retryInfo(error);
    assertThat(retry != null).as("RetryInfo present").isEqualTo(row.retryAfter());
    if (retry != null) {
      assertThat(retry.getRetryDelay().getSeconds()).isEqualTo(7);
    }
  }

  private static RetryInfo retryInfo(StatusRuntimeException error) throws Exception {
    com.google.rpc.Status status = StatusProto.fromThrowable(error);
    if (status == null) {
      return null;
    }
    for (com.google.protobuf.Any detail : status.getDetailsList()) {
      if (detail.is(RetryInfo.class)) {
        return detail.unpack(RetryInfo.class);
      }
    }
    return null;
  }

  @Test
  void bindingThatThrowsIsInternalWithoutItsMessage() throws Exception {
    DaprGrpc.DaprBlockingStub dapr =
        start(
            binding(
                request -> {
                  throw new IllegalStateException("a bug, with a secret in its message");
                }),
            options -> options);

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> dapr.invokeBinding(invoke("mail", utf8("\"x\""))));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(error.getStatus().getDescription())
        .isEqualTo("error invoking output binding mail: internal error (IllegalStateException)");
  }

  @Test
  void bindingThatNeverAnswersIsDeadlineExceededAtTheRequestTimeout() throws Exception {
    DaprGrpc.DaprBlockingStub dapr =
        start(
            binding(request -> new CompletableFuture<>()),
            ServingLimits.builder().requestTimeout(Duration.ofMillis(500)).build(),
            options -> options);

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> dapr.invokeBinding(invoke("mail", utf8("\"x\""))));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(error.getStatus().getDescription())
        .isEqualTo("error invoking output binding mail: no answer within the request timeout");
    assertThat(api.inFlight()).isZero();
  }

  @Test
  void callersShorterDeadlineEndsTheCallAndFreesItsPlace() throws Exception {
    DaprGrpc.DaprBlockingStub dapr =
        start(binding(request -> new CompletableFuture<>()), options -> options);

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                dapr.withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                    .invokeBinding(invoke("mail", utf8("\"x\""))));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (api.inFlight() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(api.inFlight()).as("freed at the caller's deadline, not the 20 s timeout").isZero();
  }

  @Test
  void callsBeyondTheInFlightLimitAreResourceExhaustedWithRetryInfo() throws Exception {
    DaprGrpc.DaprBlockingStub dapr =
        start(
            binding(request -> new CompletableFuture<>()),
            ServingLimits.builder().maxInFlight(1).build(),
            options -> options);
    DaprGrpc.newStub(channel)
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .invokeBinding(
            invoke("mail", utf8("\"x\"")),
            new io.grpc.stub.StreamObserver<>() {
              @Override
              public void onNext(InvokeBindingResponse value) {}

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (api.inFlight() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> dapr.invokeBinding(invoke("mail", utf8("\"x\""))));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(retryInfo(error).getRetryDelay().getSeconds()).isEqualTo(1);
  }

  @Test
  void messageOverTheLimitIsResourceExhausted() throws Exception {
    DaprGrpc.DaprBlockingStub dapr =
        start(
            answersWithId(),
            ServingLimits.builder().maxBodySize(64 << 10).build(),
            options -> options);

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> dapr.invokeBinding(invoke("mail", new byte[128 << 10])));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(received.get()).isNull();
  }

  @Test
  void metadataListsTheComponentsNeverAValue() throws Exception {
    DaprGrpc.DaprBlockingStub dapr = start(answersWithId(), options -> options.appId("shop"));

    GetMetadataResponse metadata = dapr.getMetadata(GetMetadataRequest.getDefaultInstance());

    assertThat(metadata.getId()).isEqualTo("shop");
    assertThat(metadata.getRuntimeVersion()).isEqualTo("ses-binding/0.1.0");
    assertThat(metadata.getRegisteredComponentsList())
        .extracting(c -> c.getName() + " " + c.getType() + " " + c.getVersion())
        .containsExactly("mail bindings.aws.ses v1", "secrets secretstores.local.env v1");
  }

  @Test
  void tokenIsRequiredForDaprsApiButNotForHealth() throws Exception {
    DaprGrpc.DaprBlockingStub dapr = start(answersWithId(), options -> options.apiToken("t0ken"));
    Metadata token = new Metadata();
    token.put(ApiTokenInterceptor.HEADER, "t0ken");
    Metadata wrong = new Metadata();
    wrong.put(ApiTokenInterceptor.HEADER, "t0kem");

    StatusRuntimeException without =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> dapr.invokeBinding(invoke("mail", utf8("\"x\""))));
    StatusRuntimeException mismatched =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                dapr.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(wrong))
                    .getMetadata(GetMetadataRequest.getDefaultInstance()));
    InvokeBindingResponse with =
        dapr.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(token))
            .invokeBinding(invoke("mail", utf8("\"x\"")));
    HealthCheckResponse health =
        HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());

    assertThat(without.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(mismatched.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(with.getData().toStringUtf8()).contains("m-1");
    assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  /** {@code InvokeBinding} with {@code bytes} as its request message, as they are. */
  private Status invokeWithRawBytes(byte[] bytes) {
    MethodDescriptor<byte[], byte[]> invokeBinding =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("dapr.proto.runtime.v1.Dapr/InvokeBinding")
            .setRequestMarshaller(UnknownMethods.BYTES)
            .setResponseMarshaller(UnknownMethods.BYTES)
            .build();
    return Status.fromThrowable(
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                ClientCalls.blockingUnaryCall(
                    channel,
                    invokeBinding,
                    CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
                    bytes)));
  }

  @Test
  void aRequestThatIsNotProtobufOrHasAStringThatIsNotUtf8IsInvalidArgumentNamingTheField()
      throws Exception {
    start(answersWithId(), options -> options);
    String prefix = "the request is not a valid dapr.proto.runtime.v1.InvokeBindingRequest: ";

    Status notProtobuf = invokeWithRawBytes(new byte[] {(byte) 0xff, (byte) 0xff, 0x01});
    // name (field 1) = 0xff
    Status badName = invokeWithRawBytes(new byte[] {0x0a, 0x01, (byte) 0xff});
    // metadata (field 3) = {"emailTo": 0xff}
    byte[] entry = {0x0a, 0x07, 'e', 'm', 'a', 'i', 'l', 'T', 'o', 0x12, 0x01, (byte) 0xff};
    byte[] badValue = new byte[2 + entry.length];
    badValue[0] = 0x1a;
    badValue[1] = (byte) entry.length;
    System.arraycopy(entry, 0, badValue, 2, entry.length);
    Status badMetadata = invokeWithRawBytes(badValue);

    assertThat(List.of(notProtobuf, badName, badMetadata))
        .extracting(Status::getCode)
        .containsOnly(Status.Code.INVALID_ARGUMENT);
    assertThat(notProtobuf.getDescription()).startsWith(prefix + "the bytes are not protobuf (");
    assertThat(badName.getDescription()).isEqualTo(prefix + "field name is not valid UTF-8");
    assertThat(badMetadata.getDescription())
        .isEqualTo(prefix + "field metadata (an entry's) value is not valid UTF-8");
    assertThat(received.get()).as("the binding never saw them").isNull();
  }

  @Test
  void methodThisServerDoesNotServeIsUnimplementedNamingWhatItServes() throws Exception {
    start(answersWithId(), options -> options);
    MethodDescriptor<byte[], byte[]> saveState =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("dapr.proto.runtime.v1.Dapr/SaveState")
            .setRequestMarshaller(UnknownMethods.BYTES)
            .setResponseMarshaller(UnknownMethods.BYTES)
            .build();

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                ClientCalls.blockingUnaryCall(
                    channel,
                    saveState,
                    CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
                    new byte[0]));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    assertThat(error.getStatus().getDescription())
        .isEqualTo(
            "no such method: dapr.proto.runtime.v1.Dapr/SaveState; " + UnknownMethods.RUNTIME);
  }
}
