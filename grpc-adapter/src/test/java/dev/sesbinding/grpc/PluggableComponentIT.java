package dev.sesbinding.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.grpc.components.v1.InvokeResponse;
import dev.sesbinding.grpc.components.v1.ListOperationsRequest;
import dev.sesbinding.grpc.components.v1.MetadataRequest;
import dev.sesbinding.grpc.components.v1.OutputBindingGrpc;
import dev.sesbinding.grpc.components.v1.OutputBindingInitRequest;
import dev.sesbinding.grpc.components.v1.PingRequest;
import dev.sesbinding.serving.InstanceRegistry;
import dev.sesbinding.serving.InvocationPipeline;
import dev.sesbinding.serving.ServingLimits;
import dev.sesbinding.testing.Await;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pluggable component on a real Unix domain socket, called as daprd calls it (reflection
 * v1alpha, then {@code OutputBinding} with {@code x-component-instance}), over bindings that answer
 * with what they were made from.
 */
class PluggableComponentIT {
  @TempDir Path folder;
  private PluggableComponent component;
  private ComponentClient daprd;

  /** Each instance's binding, by the properties it was initialised with. */
  private final Map<String, Map<String, String>> initialised = new ConcurrentHashMap<>();

  private final AtomicInteger closed = new AtomicInteger();

  /** Bindings that answer with their instance's {@code emailFrom} and the body they received. */
  private final ComponentInstances instances =
      (name, properties) -> {
        if (!properties.containsKey("region")) {
          return CompletableFuture.failedFuture(
              new BindingException(
                  BindingException.Kind.CALLER,
                  "SES binding error: metadata key region is missing"));
        }
        initialised.put(name, properties);
        return CompletableFuture.completedFuture(
            echo(properties.getOrDefault("emailFrom", "sender@example.com")));
      };

  private OutputBinding echo(String from) {
    return TestBindings.creating(
        request ->
            CompletableFuture.completedFuture(
                new dev.sesbinding.core.InvokeResponse(
                    "{\"messageId\":\"m-1\"}".getBytes(StandardCharsets.UTF_8),
                    Map.of(
                        "messageId",
                        "m-1",
                        "from",
                        from,
                        "body",
                        new String(request.data(), StandardCharsets.UTF_8)))),
        closed::incrementAndGet);
  }

  private Path start() throws IOException {
    Path socket = folder.resolve("ses-binding.sock");
    component =
        PluggableComponent.start(
            socket,
            PluggableComponent.DEFAULT_SOCKET_MODE,
            instances,
            InvocationPipeline.builder().limits(ServingLimits.builder().build()));
    daprd = ComponentClient.connect(socket);
    return socket;
  }

  private static OutputBindingInitRequest init(Map<String, String> properties) {
    return OutputBindingInitRequest.newBuilder()
        .setMetadata(MetadataRequest.newBuilder().putAllProperties(properties))
        .build();
  }

  private static dev.sesbinding.grpc.components.v1.InvokeRequest invoke(String data) {
    return dev.sesbinding.grpc.components.v1.InvokeRequest.newBuilder()
        .setOperation("create")
        .setData(ByteString.copyFromUtf8(data))
        .putMetadata("emailTo", "to@example.com")
        .build();
  }

  private OutputBindingGrpc.OutputBindingBlockingStub instance(String name) {
    return daprd.blocking(name).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    if (daprd != null) {
      daprd.close();
    }
    if (component != null) {
      component.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void daprdFindsTheSocketAndTheOutputBindingThroughReflectionV1alpha() throws Exception {
    Path socket = start();

    assertThat(ComponentClient.sockets(folder)).containsExactly(socket);
    assertThat(ComponentClient.componentType(socket)).isEqualTo("bindings.ses-binding");
    assertThat(daprd.services().toCompletableFuture().get(30, TimeUnit.SECONDS))
        .contains(
            "dapr.proto.components.v1.OutputBinding",
            "grpc.reflection.v1alpha.ServerReflection",
            "grpc.reflection.v1.ServerReflection",
            "grpc.health.v1.Health");
  }

  @Test
  void theSocketHasTheModeItWasGivenTheOwnerAndItsGroupByDefault() throws Exception {
    Path socket = start();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
        .isEqualTo("rw-rw----");
  }

  @Test
  void instancesAreKeptApartByTheirName() throws Exception {
    start();
    instance("orders").init(init(Map.of("region", "us-east-1", "emailFrom", "orders@example.com")));
    instance("alerts").init(init(Map.of("region", "us-east-1", "emailFrom", "alerts@example.com")));

    InvokeResponse orders = instance("orders").invoke(invoke("\"<p>quoted</p>\""));
    InvokeResponse alerts = instance("alerts").invoke(invoke("<p>raw</p>"));

    assertThat(orders.getMetadataMap())
        .containsEntry("from", "orders@example.com")
        .containsEntry("body", "\"<p>quoted</p>\"");
    assertThat(alerts.getMetadataMap())
        .containsEntry("from", "alerts@example.com")
        .containsEntry("body", "\"<p>raw</p>\"");
    assertThat(orders.getData().toStringUtf8()).isEqualTo("{\"messageId\":\"m-1\"}");
    assertThat(orders.getContentType()).isEqualTo("application/json");
  }

  @Test
  void pingAndListOperationsAnswer() throws Exception {
    start();
    instance("orders").init(init(Map.of("region", "us-east-1")));

    instance("orders").ping(PingRequest.getDefaultInstance());
    assertThat(
            instance("orders")
                .listOperations(ListOperationsRequest.getDefaultInstance())
                .getOperationsList())
        .containsExactly("create");
  }

  @Test
  void invokeBeforeInitIsFailedPrecondition() throws Exception {
    start();

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> instance("orders").invoke(invoke("\"x\"")));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(error.getStatus().getDescription()).isEqualTo(InstanceRegistry.NOT_INITIALISED);
  }

  @Test
  void initThatTheBindingRefusesIsInvalidArgumentNamingTheKey() throws Exception {
    start();

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> instance("orders").init(init(Map.of("secretKey", "SuperSecretValue"))));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(error.getStatus().getDescription())
        .isEqualTo("SES binding error: metadata key region is missing")
        .doesNotContain("SuperSecretValue");
    assertThat(
            catchThrowableOfType(
                    StatusRuntimeException.class, () -> instance("orders").invoke(invoke("\"x\"")))
                .getStatus()
                .getCode())
        .as("a failed Init leaves no instance")
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
  }

  @Test
  void anInitThatFailsUnexpectedlyIsInternalWithoutItsDetails() throws Exception {
    Path socket = folder.resolve("ses-binding.sock");
    component =
        PluggableComponent.start(
            socket,
            PluggableComponent.DEFAULT_SOCKET_MODE,
            (name, properties) -> {
              throw new IllegalStateException("secret detail of a bug");
            },
            InvocationPipeline.builder().limits(ServingLimits.builder().build()));
    daprd = ComponentClient.connect(socket);

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> instance("orders").init(init(Map.of())));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(error.getStatus().getDescription())
        .doesNotContain("error initializing output binding")
        .doesNotContain("secret detail");
    assertThat(component.instances()).isZero();
  }

  @Test
  void initAgainReplacesTheInstanceAndClosesTheOldOne() throws Exception {
    start();
    instance("orders").init(init(Map.of("region", "us-east-1", "emailFrom", "old@example.com")));

    instance("orders").init(init(Map.of("region", "us-east-1", "emailFrom", "new@example.com")));

    assertThat(instance("orders").invoke(invoke("\"x\"")).getMetadataMap())
        .containsEntry("from", "new@example.com");
    Await.until(() -> closed.get() == 1, "the old instance closed");
    assertThat(component.instances()).isEqualTo(1);
  }

  @Test
  void initAgainWhileCallsAreInFlightLetsThemFinishOnTheOldInstance() throws Exception {
    Path socket = folder.resolve("ses-binding.sock");
    CompletableFuture<dev.sesbinding.core.InvokeResponse> answer = new CompletableFuture<>();
    AtomicInteger oldClosed = new AtomicInteger();
    AtomicInteger inits = new AtomicInteger();
    component =
        PluggableComponent.start(
            socket,
            PluggableComponent.DEFAULT_SOCKET_MODE,
            (name, properties) -> {
              boolean first = inits.incrementAndGet() == 1;
              return CompletableFuture.completedFuture(
                  TestBindings.creating(
                      request ->
                          first
                              ? answer
                              : CompletableFuture.completedFuture(
                                  new dev.sesbinding.core.InvokeResponse(
                                      new byte[0], Map.of("from", "new"))),
                      () -> {
                        if (first) {
                          oldClosed.incrementAndGet();
                        }
                      }));
            },
            InvocationPipeline.builder().limits(ServingLimits.builder().build()));
    daprd = ComponentClient.connect(socket);
    instance("orders").init(init(Map.of()));
    List<com.google.common.util.concurrent.ListenableFuture<InvokeResponse>> held =
        new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      held.add(daprd.async("orders").invoke(invoke("\"x\"")));
    }
    Await.until(() -> component.inFlight() == 20, "twenty invokes held by the old instance");

    instance("orders").init(init(Map.of()));

    assertThat(instance("orders").invoke(invoke("\"x\"")).getMetadataMap())
        .containsEntry("from", "new");
    assertThat(oldClosed).as("the old instance, closed under its calls").hasValue(0);
    answer.complete(new dev.sesbinding.core.InvokeResponse(new byte[0], Map.of("from", "old")));
    for (var call : held) {
      assertThat(call.get(30, TimeUnit.SECONDS).getMetadataMap()).containsEntry("from", "old");
    }
    Await.until(() -> oldClosed.get() == 1, "the old instance closed after its last call");
  }

  @Test
  void stoppingClosesEveryInstanceAndRemovesTheSocket() throws Exception {
    Path socket = start();
    instance("orders").init(init(Map.of("region", "us-east-1")));
    instance("alerts").init(init(Map.of("region", "us-east-1")));

    component.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(closed.get()).isEqualTo(2);
    assertThat(socket).doesNotExist();
    component = null;
  }

  @Test
  void aStaleSocketFileIsReplaced() throws Exception {
    Path socket = folder.resolve("ses-binding.sock");
    try (ServerSocketChannel left = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      left.bind(UnixDomainSocketAddress.of(socket));
    } // closed without removing the file, as a killed process leaves it
    assertThat(socket).exists();

    start();
    instance("orders").init(init(Map.of("region", "us-east-1")));

    assertThat(instance("orders").invoke(invoke("\"x\"")).getMetadataMap()).containsKey("from");
  }

  @Test
  void aSocketAnotherProcessServesIsNotTaken() throws Exception {
    Path socket = folder.resolve("ses-binding.sock");
    try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      live.bind(UnixDomainSocketAddress.of(socket));

      assertThatThrownBy(
              () ->
                  PluggableComponent.start(
                      socket,
                      PluggableComponent.DEFAULT_SOCKET_MODE,
                      instances,
                      InvocationPipeline.builder().limits(ServingLimits.builder().build())))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "another process serves " + socket + "; stop it or choose another component name");
    }
  }

  @Test
  void aFileThatIsNotASocketIsNotTaken() throws Exception {
    Path socket = Files.writeString(folder.resolve("ses-binding.sock"), "notes");

    assertThatThrownBy(
            () ->
                PluggableComponent.start(
                    socket,
                    PluggableComponent.DEFAULT_SOCKET_MODE,
                    instances,
                    InvocationPipeline.builder().limits(ServingLimits.builder().build())))
        .hasMessage(socket + " exists and is not a socket; move it away or choose another name");
    assertThat(Files.readString(socket)).isEqualTo("notes");
  }

  @Test
  void aPathTooLongForASocketFailsSayingSo() {
    Path socket = folder.resolve("x".repeat(120) + ".sock");

    assertThatThrownBy(
            () ->
                PluggableComponent.start(
                    socket,
                    PluggableComponent.DEFAULT_SOCKET_MODE,
                    instances,
                    InvocationPipeline.builder().limits(ServingLimits.builder().build())))
        .hasMessageContaining("is longer than the 107 bytes a Unix domain socket's path may have");
  }

  @Test
  void aMethodItDoesNotServeIsUnimplementedNamingWhatItServes() throws Exception {
    start();
    MethodDescriptor<byte[], byte[]> read =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("dapr.proto.components.v1.InputBinding/Init")
            .setRequestMarshaller(UnknownMethods.BYTES)
            .setResponseMarshaller(UnknownMethods.BYTES)
            .build();

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                ClientCalls.blockingUnaryCall(
                    daprd.channel(),
                    read,
                    CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
                    new byte[0]));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    assertThat(error.getStatus().getDescription())
        .isEqualTo(
            "no such method: dapr.proto.components.v1.InputBinding/Init; "
                + UnknownMethods.COMPONENT);
  }

  @Test
  void invokesOfEveryInstanceCountAgainstOneInFlightLimit() throws Exception {
    Path socket = folder.resolve("ses-binding.sock");
    CompletableFuture<dev.sesbinding.core.InvokeResponse> never = new CompletableFuture<>();
    component =
        PluggableComponent.start(
            socket,
            PluggableComponent.DEFAULT_SOCKET_MODE,
            (name, properties) ->
                CompletableFuture.completedFuture(TestBindings.creating(request -> never)),
            InvocationPipeline.builder().limits(ServingLimits.builder().maxInFlight(1).build()));
    daprd = ComponentClient.connect(socket);
    instance("orders").init(init(Map.of()));
    instance("alerts").init(init(Map.of()));
    var held = daprd.async("orders").invoke(invoke("\"x\""));
    Await.until(() -> component.inFlight() == 1, "one invoke in flight");

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> instance("alerts").invoke(invoke("\"x\"")));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    held.cancel(true);
  }

  @Test
  void anInstanceStillInitialisingWhenStoppedIsClosed() throws Exception {
    Path socket = folder.resolve("ses-binding.sock");
    CompletableFuture<OutputBinding> slow = new CompletableFuture<>();
    AtomicInteger started = new AtomicInteger();
    component =
        PluggableComponent.start(
            socket,
            PluggableComponent.DEFAULT_SOCKET_MODE,
            (name, properties) -> {
              started.incrementAndGet();
              return slow;
            },
            InvocationPipeline.builder()
                .limits(ServingLimits.builder().gracePeriod(Duration.ofSeconds(30)).build()));
    daprd = ComponentClient.connect(socket);
    var initialising = daprd.async("orders").init(init(Map.of()));
    Await.until(() -> started.get() == 1, "Init reached the component");

    CompletableFuture<Void> stopped = component.stop().toCompletableFuture();
    slow.complete(echo("late@example.com"));
    stopped.get(30, TimeUnit.SECONDS);
    component = null;

    Await.until(() -> closed.get() == 1, "the late instance closed");
    assertThat(initialising.get(30, TimeUnit.SECONDS))
        .as("its Init was still answered")
        .isNotNull();
  }

  @Test
  void anInvokeWhoseMessageNeverArrivesEndsAtTheReadTimeout() throws Exception {
    Path socket = folder.resolve("ses-binding.sock");
    component =
        PluggableComponent.start(
            socket,
            PluggableComponent.DEFAULT_SOCKET_MODE,
            instances,
            InvocationPipeline.builder()
                .limits(ServingLimits.builder().readTimeout(Duration.ofMillis(500)).build()));
    daprd = ComponentClient.connect(socket);
    CompletableFuture<Status> ended = new CompletableFuture<>();
    // Streaming on the client's side only, so that the headers go at once without a message.
    io.grpc.ClientCall<dev.sesbinding.grpc.components.v1.InvokeRequest, InvokeResponse> call =
        daprd
            .channel()
            .newCall(
                OutputBindingGrpc.getInvokeMethod().toBuilder()
                    .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                    .build(),
                CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS));
    call.start(
        new io.grpc.ClientCall.Listener<>() {
          @Override
          public void onClose(Status status, io.grpc.Metadata trailers) {
            ended.complete(status);
          }
        },
        new io.grpc.Metadata());
    call.request(1);

    Status status = ended.get(30, TimeUnit.SECONDS);

    assertThat(status.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(status.getDescription())
        .isEqualTo("the request message did not arrive within 500 ms (--read-timeout)");
  }
}
