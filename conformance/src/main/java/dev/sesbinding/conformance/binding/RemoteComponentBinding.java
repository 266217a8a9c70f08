package dev.sesbinding.conformance.binding;

import dev.sesbinding.conformance.BindingUnderTest;
import dev.sesbinding.conformance.ConformanceComponent;
import dev.sesbinding.conformance.Outcome;
import dev.sesbinding.grpc.ComponentClient;
import dev.sesbinding.grpc.components.v1.InvokeRequest;
import dev.sesbinding.grpc.components.v1.ListOperationsRequest;
import dev.sesbinding.grpc.components.v1.MetadataRequest;
import dev.sesbinding.grpc.components.v1.OutputBindingGrpc;
import dev.sesbinding.grpc.components.v1.OutputBindingInitRequest;
import dev.sesbinding.grpc.components.v1.PingRequest;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A Dapr pluggable component on a Unix socket, called as daprd calls it: reflection v1alpha must
 * list {@code dapr.proto.components.v1.OutputBinding}; {@code Init} with the component's metadata
 * for the instance named as the component; then {@code Ping}, {@code ListOperations} and {@code
 * Invoke}, each with {@code x-component-instance}. Data goes as daprd passes an HTTP app's data on
 * (its JSON text). It needs {@code ses-binding-grpc-adapter} on the class path.
 */
@SuppressWarnings("try") // close() may be interrupted: callers close on their own thread
public final class RemoteComponentBinding implements BindingUnderTest {
  private static final String OUTPUT_BINDING = "dapr.proto.components.v1.OutputBinding";
  private final Path socket;
  private final ComponentClient daprd;
  private String name;

  public RemoteComponentBinding(Path socket) {
    this.socket = socket;
    this.daprd = ComponentClient.connect(socket);
  }

  private OutputBindingGrpc.OutputBindingBlockingStub instance() {
    return daprd.blocking(name).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  @Override
  public void init(ConformanceComponent component) throws Exception {
    if (!daprd
        .services()
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS)
        .contains(OUTPUT_BINDING)) {
      throw new IllegalStateException(
          socket + " does not list " + OUTPUT_BINDING + " through reflection v1alpha");
    }
    name = component.name();
    instance()
        .init(
            OutputBindingInitRequest.newBuilder()
                .setMetadata(MetadataRequest.newBuilder().putAllProperties(component.metadata()))
                .build());
  }

  @Override
  public void ping() {
    instance().ping(PingRequest.getDefaultInstance());
  }

  @Override
  public Set<String> operations() {
    return new HashSet<>(
        instance().listOperations(ListOperationsRequest.getDefaultInstance()).getOperationsList());
  }

  @Override
  public Outcome invoke(String operation, String data, Map<String, String> metadata) {
    InvokeRequest request =
        InvokeRequest.newBuilder()
            .setOperation(operation)
            .putAllMetadata(metadata)
            .setData(GrpcOutcomes.data(data))
            .build();
    return GrpcOutcomes.of(() -> instance().invoke(request).getMetadataMap(), name);
  }

  /** Whether this adapter takes data that is not a JSON string as the body itself (section 6). */
  @Override
  public boolean takesAnyDataAsTheBody() {
    return true;
  }

  @Override
  public void close() {
    daprd.close();
  }

  @Override
  public String toString() {
    return "the pluggable component on " + socket;
  }
}
