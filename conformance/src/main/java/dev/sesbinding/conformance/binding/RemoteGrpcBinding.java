package dev.sesbinding.conformance.binding;

import dev.sesbinding.conformance.BindingUnderTest;
import dev.sesbinding.conformance.ConformanceComponent;
import dev.sesbinding.conformance.Outcome;
import dev.sesbinding.grpc.runtime.v1.DaprGrpc;
import dev.sesbinding.grpc.runtime.v1.GetMetadataRequest;
import dev.sesbinding.grpc.runtime.v1.GetMetadataResponse;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Any endpoint that speaks Dapr's runtime gRPC API (this project's server, or a Dapr sidecar):
 * {@code InvokeBinding} with the request's data as an SDK sends a string (its JSON text), {@code
 * GetMetadata} to check the component, gRPC health for ping. It needs {@code
 * ses-binding-grpc-adapter} (its stubs) on the class path, an optional dependency of the suite.
 */
// close() may wait for the channel to end, and so may be interrupted: callers close on their own
// thread.
@SuppressWarnings("try")
public final class RemoteGrpcBinding implements BindingUnderTest {
  private static final String PROBE = "conformance-probe-operation";
  private static final Pattern SUPPORTED = Pattern.compile("supported operations:(.*)$");
  private final ManagedChannel channel;
  private final DaprGrpc.DaprBlockingStub dapr;
  private final String target;
  private String name;
  private boolean daprdWraps;
  private String found = "";

  /** {@code apiToken} is sent as {@code dapr-api-token} when not empty. */
  public RemoteGrpcBinding(String host, int port, String apiToken) {
    this.target = host + ":" + port;
    this.channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().build();
    DaprGrpc.DaprBlockingStub stub = DaprGrpc.newBlockingStub(channel);
    if (apiToken != null && !apiToken.isEmpty()) {
      Metadata token = new Metadata();
      token.put(Metadata.Key.of("dapr-api-token", Metadata.ASCII_STRING_MARSHALLER), apiToken);
      stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(token));
    }
    this.dapr = stub;
  }

  private DaprGrpc.DaprBlockingStub dapr() {
    return dapr.withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  @Override
  public void init(ConformanceComponent component) {
    name = component.name();
    GetMetadataResponse metadata = dapr().getMetadata(GetMetadataRequest.getDefaultInstance());
    String type =
        metadata.getRegisteredComponentsList().stream()
            .filter(c -> c.getName().equals(name) && c.getType().startsWith("bindings."))
            .map(c -> c.getType())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(target + " serves no binding " + name));
    try {
      dapr()
          .invokeBinding(
              InvokeBindingRequest.newBuilder().setName(name).setOperation(PROBE).build());
    } catch (StatusRuntimeException e) {
      daprdWraps = e.getStatus().getCode() == Status.Code.INTERNAL;
    }
    found = DaprdWrapping.found(target, name, type, daprdWraps);
  }

  @Override
  public String found() {
    return found;
  }

  /**
   * Dapr's gRPC API has no binding ping; {@code GetMetadata} answering stands in for it, as every
   * Dapr runtime serves it (daprd proxies gRPC health to an app, and has none of its own).
   */
  @Override
  public void ping() {
    dapr().getMetadata(GetMetadataRequest.getDefaultInstance());
  }

  /** Read from Dapr's "supported operations:" error, as over HTTP. */
  @Override
  public Set<String> operations() {
    Outcome probe = invoke(PROBE, "\"\"", java.util.Map.of());
    Matcher supported = SUPPORTED.matcher(probe.message());
    if (probe.succeeded() || !supported.find()) {
      throw new IllegalStateException(
          "operation "
              + PROBE
              + " should fail with Dapr's \"supported operations:\" text, but was "
              + probe.describe());
    }
    return Set.of(supported.group(1).trim().split(" +"));
  }

  /** The data goes as the JSON text an SDK sends for it (a string: its quoted form). */
  @Override
  public Outcome invoke(String operation, String data, java.util.Map<String, String> metadata) {
    InvokeBindingRequest request =
        InvokeBindingRequest.newBuilder()
            .setName(name)
            .setOperation(operation)
            .putAllMetadata(metadata)
            .setData(GrpcOutcomes.data(data))
            .build();
    return GrpcOutcomes.of(() -> dapr().invokeBinding(request).getMetadataMap(), name, daprdWraps);
  }

  /** Whether this adapter takes data that is not a JSON string as the body itself (section 6). */
  @Override
  public boolean takesAnyDataAsTheBody() {
    return true;
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return "the gRPC endpoint " + target;
  }
}
