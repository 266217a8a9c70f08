package dev.sesbinding.grpc;

import com.google.protobuf.ByteString;
import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.core.ErrorCase;
import dev.sesbinding.core.RegisteredBinding;
import dev.sesbinding.grpc.runtime.v1.DaprGrpc;
import dev.sesbinding.grpc.runtime.v1.GetMetadataRequest;
import dev.sesbinding.grpc.runtime.v1.GetMetadataResponse;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingRequest;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingResponse;
import dev.sesbinding.grpc.runtime.v1.RegisteredComponents;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code dapr.proto.runtime.v1.Dapr}: {@code InvokeBinding} and {@code GetMetadata} over the
 * registry; a binding call is served as {@link BindingCalls} serves every one.
 */
final class DaprRuntimeService extends DaprGrpc.DaprImplBase {
  static final String RUNTIME_VERSION = "ses-binding/0.1.0";

  private final BindingRegistry bindings;
  private final GrpcApiOptions options;
  private final BindingCalls calls;

  DaprRuntimeService(BindingRegistry bindings, GrpcApiOptions options) {
    this.bindings = bindings;
    this.options = options;
    this.calls =
        new BindingCalls(options.limits().maxInFlight(), options.limits().requestTimeout());
  }

  @Override
  public void invokeBinding(
      InvokeBindingRequest request, StreamObserver<InvokeBindingResponse> observer) {
    String name = request.getName();
    Optional<RegisteredBinding> binding = bindings.get(name);
    if (binding.isEmpty()) {
      observer.onError(
          GrpcErrors.of(
              ErrorCase.BINDING_NOT_FOUND,
              "error invoking output binding " + name + ": couldn't find output binding " + name,
              null));
      return;
    }
    calls.invoke(
        name,
        binding.get().binding(),
        request.getOperation(),
        request.getData().toByteArray(),
        request.getMetadataMap(),
        observer,
        response ->
            InvokeBindingResponse.newBuilder()
                .setData(ByteString.copyFrom(response.data()))
                .putAllMetadata(response.metadata())
                .build());
  }

  @Override
  public void getMetadata(
      GetMetadataRequest request, StreamObserver<GetMetadataResponse> observer) {
    GetMetadataResponse.Builder metadata =
        GetMetadataResponse.newBuilder().setId(options.appId()).setRuntimeVersion(RUNTIME_VERSION);
    bindings
        .components()
        .forEach(
            component ->
                metadata.addRegisteredComponents(
                    RegisteredComponents.newBuilder()
                        .setName(component.name())
                        .setType(component.type())
                        .setVersion(component.version())));
    observer.onNext(metadata.build());
    observer.onCompleted();
  }

  int inFlight() {
    return calls.inFlight();
  }

  Duration requestTimeout() {
    return options.limits().requestTimeout();
  }
}
