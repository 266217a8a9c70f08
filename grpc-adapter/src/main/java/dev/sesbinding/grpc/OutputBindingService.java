package dev.sesbinding.grpc;

import com.google.protobuf.ByteString;
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
import dev.sesbinding.serving.BindingSource;
import dev.sesbinding.serving.InstanceRegistry;
import dev.sesbinding.serving.InvocationFailure;
import dev.sesbinding.serving.InvocationPipeline;
import dev.sesbinding.serving.Refusal;
import dev.sesbinding.serving.WayIn;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dapr.proto.components.v1.OutputBinding}: one binding per component instance that daprd
 * names in each call, kept in an {@link InstanceRegistry}. {@code Init} makes (or replaces: the old
 * one is closed once the calls on it have ended) the instance's binding; {@code Invoke} goes
 * through the {@link InvocationPipeline} over the registry, as {@link BindingCalls} serves every
 * binding call (an instance never initialised is the table's {@code NOT_INITIALISED}); {@code
 * ListOperations} is the instance's operations.
 */
final class OutputBindingService extends OutputBindingGrpc.OutputBindingImplBase {
  private static final Logger LOG = LoggerFactory.getLogger(OutputBindingService.class);
  private static final String JSON = "application/json";

  private final ComponentInstances factory;
  private final InstanceRegistry instances;
  private final BindingCalls calls;
  private volatile boolean closed;

  OutputBindingService(
      ComponentInstances factory, InstanceRegistry instances, InvocationPipeline pipeline) {
    this.factory = factory;
    this.instances = instances;
    this.calls = new BindingCalls(pipeline, WayIn.PLUGGABLE);
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
              boolean again = instances.put(name, binding);
              if (closed) {
                instances.remove(name, binding); // stopped while this Init ran: closes it
              }
              LOG.info(
                  "component instance {} initialised{}",
                  InstanceRegistry.shown(name),
                  again ? " again" : "");
              observer.onNext(OutputBindingInitResponse.getDefaultInstance());
              observer.onCompleted();
            });
  }

  /**
   * Initialises each of {@code remembered} as its {@code Init} would. Each is an instance at once,
   * whose calls wait for its binding; one that fails is logged and removed, for daprd's next {@code
   * Init} to make; an {@code Init} from daprd meanwhile takes its place.
   */
  @SuppressWarnings("FutureReturnValueIgnored") // the callback handles every outcome
  void restore(Map<String, Map<String, String>> remembered) {
    remembered.forEach(
        (name, properties) -> {
          String shown = InstanceRegistry.shown(name);
          CompletableFuture<OutputBinding> made = new CompletableFuture<>();
          PendingBinding pending = new PendingBinding(made);
          instances.put(name, pending);
          start(name, properties)
              .whenComplete(
                  (binding, failure) -> {
                    if (failure != null) {
                      instances.remove(name, pending);
                      made.completeExceptionally(failure);
                      LOG.warn(
                          "component instance {} not initialised from what it remembered: {}",
                          shown,
                          InvocationFailure.of(failure).detail());
                      return;
                    }
                    if (instances.replace(name, pending, binding)) {
                      pending.handOver();
                      LOG.info("component instance {} initialised from what it remembered", shown);
                    }
                    made.complete(binding); // closed with the pending one when not handed over
                  });
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
    String shown = InstanceRegistry.shown(name);
    if (meaning.bug()) {
      LOG.error(
          "component instance {} failed to initialise", shown, InvocationFailure.cause(failure));
    } else {
      LOG.warn("component instance {} not initialised: {}", shown, meaning.detail());
    }
    // daprd says "initialization error occurred for <name>" itself: the binding's own words only
    return GrpcErrors.of(Refusal.of(meaning.error(), meaning.detail()));
  }

  @Override
  public void invoke(InvokeRequest request, StreamObserver<InvokeResponse> observer) {
    calls.invoke(
        ComponentInstanceInterceptor.INSTANCE.get(),
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
    Optional<BindingSource.Lease> binding = instances.acquire(name);
    if (binding.isEmpty()) {
      observer.onError(GrpcErrors.of(instances.notFound(name).withoutDaprPrefix()));
      return;
    }
    List<String> operations;
    try {
      operations = new ArrayList<>(binding.get().binding().operations());
    } finally {
      binding.get().release();
    }
    operations.sort(null);
    observer.onNext(ListOperationsResponse.newBuilder().addAllOperations(operations).build());
    observer.onCompleted();
  }

  @Override
  public void ping(PingRequest request, StreamObserver<PingResponse> observer) {
    observer.onNext(PingResponse.getDefaultInstance());
    observer.onCompleted();
  }

  /** Closes every instance once its calls end; an Init still running closes its own. */
  void closeAll() {
    closed = true;
    instances.closeAll();
  }
}
