package dev.sesbinding.grpc;

import com.google.protobuf.ByteString;
import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.grpc.runtime.v1.DaprGrpc;
import dev.sesbinding.grpc.runtime.v1.GetMetadataRequest;
import dev.sesbinding.grpc.runtime.v1.GetMetadataResponse;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingRequest;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingResponse;
import dev.sesbinding.grpc.runtime.v1.RegisteredComponents;
import dev.sesbinding.serving.ApiOptions;
import dev.sesbinding.serving.InvocationPipeline;
import dev.sesbinding.serving.WayIn;
import io.grpc.stub.StreamObserver;

/**
 * {@code dapr.proto.runtime.v1.Dapr}: {@code InvokeBinding} through the {@link InvocationPipeline}
 * (as {@link BindingCalls} serves every binding call) and {@code GetMetadata} from the registry.
 */
final class DaprRuntimeService extends DaprGrpc.DaprImplBase {
  private final BindingRegistry bindings;
  private final ApiOptions options;
  private final BindingCalls calls;

  DaprRuntimeService(BindingRegistry bindings, InvocationPipeline pipeline, ApiOptions options) {
    this.bindings = bindings;
    this.options = options;
    this.calls = new BindingCalls(pipeline, WayIn.GRPC);
  }

  @Override
  public void invokeBinding(
      InvokeBindingRequest request, StreamObserver<InvokeBindingResponse> observer) {
    calls.invoke(
        request.getName(),
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
        GetMetadataResponse.newBuilder()
            .setId(options.appId())
            .setRuntimeVersion(ApiOptions.RUNTIME_VERSION);
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
}
