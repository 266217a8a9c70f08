package dev.sesbinding.grpc;

import com.google.protobuf.ByteString;
import dev.sesbinding.core.ErrorCase;
import dev.sesbinding.core.InvocationFailure;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.grpc.components.v1.InvokeRequest;
import dev.sesbinding.grpc.components.v1.InvokeResponse;
import dev.sesbinding.grpc.components.v1.ListOperationsRequest;
import dev.sesbinding.grpc.components.v1.ListOperationsResponse;
import dev.sesbinding.grpc.components.v1.OutputBindingGrpc;
import dev.sesbinding.grpc.components.v1.OutputBindingInitRequest;
import dev.sesbinding.grpc.components.v1.OutputBindingInitResponse;
import dev.sesbinding.grpc.components.v1.PingRequest;
import dev.sesbinding.grpc.components.v1.PingResponse;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dapr.proto.components.v1.OutputBinding}: one binding per component instance that daprd
 * names in each call. {@code Init} makes (or replaces, closing the old one) the instance's binding;
 * {@code Invoke} is served as {@link BindingCalls} serves every binding call, and an instance never
 * initialised is {@code FAILED_PRECONDITION}; {@code ListOperations} is the instance's operations.
 */
final class OutputBindingService extends OutputBindingGrpc.OutputBindingImplBase {
  private static final Logger LOG = LoggerFactory.getLogger(OutputBindingService.class);
  private static final String JSON = "application/json";

  private final ComponentInstances factory;
  private final BindingCalls calls;
  private final Executor closer;
  private final Map<String, OutputBinding> instances = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param closer where replaced instances are closed (closing may block)
   */
  OutputBindingService(ComponentInstances factory, BindingCalls calls, Executor closer) {
    this.factory = factory;
    this.calls = calls;
    this.closer = closer;
  }

  @Override
  @SuppressWarnings("FutureReturnValueIgnored") // the whenComplete callback answers every outcome
  public void init(
      OutputBindingInitRequest request, StreamObserver<OutputBindingInitResponse> observer) {
    String name = ComponentInstanceInterceptor.INSTANCE.get();
    Map<String, String> properties = request.getMetadata().getPropertiesMap();
    start(name, properties)
        .whenComplete(
            (binding, failure) -> {
              if (failure != null) {
                observer.onError(initFailed(name, failure));
                return;
              }
              OutputBinding old = instances.put(name, binding);
              if (old != null) {
                closeLater(old);
              }
              if (closed && instances.remove(name, binding)) {
                binding.close(); // stopped while this Init ran: nobody else will close it
              }
              LOG.info(
                  "component instance {} initialised{}", shown(name), old == null ? "" : " again");
              observer.onNext(OutputBindingInitResponse.getDefaultInstance());
              observer.onCompleted();
            });
  }

  private CompletionStage<? extends OutputBinding> start(
      String name, Map<String, String> properties) {
    try {
      return factory.init(name, properties);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static RuntimeException initFailed(String name, Throwable failure) {
    InvocationFailure meaning = InvocationFailure.of(failure);
    if (meaning.bug()) {
      LOG.error(
          "component instance {} failed to initialise",
          shown(name),
          InvocationFailure.cause(failure));
    } else {
      LOG.warn("component instance {} not initialised: {}", shown(name), meaning.detail());
    }
    return GrpcErrors.of(
        meaning.error(),
        "error initializing output binding " + shown(name) + ": " + meaning.detail(),
        meaning.retryAfter());
  }

  @Override
  public void invoke(InvokeRequest request, StreamObserver<InvokeResponse> observer) {
    String name = ComponentInstanceInterceptor.INSTANCE.get();
    OutputBinding binding = instances.get(name);
    if (binding == null) {
      observer.onError(notInitialised(name));
      return;
    }
    calls.invoke(
        shown(name),
        binding,
        request.getOperation(),
        request.getData().toByteArray(),
        request.getMetadataMap(),
        observer,
        response ->
            InvokeResponse.newBuilder()
                .setData(ByteString.copyFrom(response.data()))
                .putAllMetadata(response.metadata())
                .setContentType(response.data().length == 0 ? "" : JSON)
                .build());
  }

  @Override
  public void listOperations(
      ListOperationsRequest request, StreamObserver<ListOperationsResponse> observer) {
    String name = ComponentInstanceInterceptor.INSTANCE.get();
    OutputBinding binding = instances.get(name);
    if (binding == null) {
      observer.onError(notInitialised(name));
      return;
    }
    List<String> operations = new ArrayList<>(binding.operations());
    operations.sort(null);
    observer.onNext(ListOperationsResponse.newBuilder().addAllOperations(operations).build());
    observer.onCompleted();
  }

  @Override
  public void ping(PingRequest request, StreamObserver<PingResponse> observer) {
    observer.onNext(PingResponse.getDefaultInstance());
    observer.onCompleted();
  }

  /** Closes a replaced instance off the caller's thread; calls still on it end as it closes. */
  private void closeLater(OutputBinding binding) {
    try {
      closer.execute(binding::close);
    } catch (RejectedExecutionException e) {
      binding.close(); // stopping: close it here
    }
  }

  /** Closes every instance; an Init still running closes its own when it ends. */
  void closeAll() {
    closed = true;
    for (String name : List.copyOf(instances.keySet())) {
      OutputBinding binding = instances.remove(name);
      if (binding != null) {
        binding.close();
      }
    }
  }

  int instances() {
    return instances.size();
  }

  private static RuntimeException notInitialised(String name) {
    return GrpcErrors.of(
        ErrorCase.NOT_INITIALISED,
        "error invoking output binding "
            + shown(name)
            + ": the component instance is not initialised (daprd calls Init first)",
        null);
  }

  /** The instance's name as messages show it. */
  private static String shown(String name) {
    return name.isEmpty() ? "(unnamed)" : name;
  }
}
