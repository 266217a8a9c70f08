package dev.sesbinding.grpc;

import com.google.protobuf.ByteString;
import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.core.ErrorCase;
import dev.sesbinding.core.InvocationFailure;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.RegisteredBinding;
import dev.sesbinding.grpc.runtime.v1.DaprGrpc;
import dev.sesbinding.grpc.runtime.v1.GetMetadataRequest;
import dev.sesbinding.grpc.runtime.v1.GetMetadataResponse;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingRequest;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingResponse;
import dev.sesbinding.grpc.runtime.v1.RegisteredComponents;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dapr.proto.runtime.v1.Dapr}: {@code InvokeBinding} and {@code GetMetadata} over the
 * registry. A call's answer comes when the binding's stage completes (nothing here blocks), at the
 * latest at the request timeout or the caller's deadline, whichever is sooner; each call is
 * answered exactly once, with the error table's status on failure.
 */
final class DaprRuntimeService extends DaprGrpc.DaprImplBase {
  static final String RUNTIME_VERSION = "ses-binding/0.1.0";
  private static final Logger LOG = LoggerFactory.getLogger(DaprRuntimeService.class);

  private final BindingRegistry bindings;
  private final GrpcApiOptions options;
  private final AtomicInteger inFlight = new AtomicInteger();

  DaprRuntimeService(BindingRegistry bindings, GrpcApiOptions options) {
    this.bindings = bindings;
    this.options = options;
  }

  @Override
  @SuppressWarnings("FutureReturnValueIgnored") // the whenComplete callback answers every outcome
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
    Optional<byte[]> data = BindingData.of(request.getData().toByteArray());
    if (data.isEmpty()) {
      observer.onError(
          GrpcErrors.of(
              ErrorCase.MALFORMED_REQUEST,
              "error invoking output binding " + name + ": data is not valid UTF-8",
              null));
      return;
    }
    if (inFlight.incrementAndGet() > options.maxInFlight()) {
      inFlight.decrementAndGet();
      observer.onError(
          GrpcErrors.of(
              ErrorCase.OVERLOADED,
              "error invoking output binding "
                  + name
                  + ": too many requests in flight (limit "
                  + options.maxInFlight()
                  + "); retry later",
              null));
      return;
    }
    InvokeRequest invocation =
        InvokeRequest.of(request.getOperation(), data.get(), request.getMetadataMap());
    invoke(binding.get(), invocation)
        .toCompletableFuture()
        .orTimeout(timeoutMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (response, failure) -> {
              inFlight.decrementAndGet();
              answer(
                  name,
                  (ServerCallStreamObserver<InvokeBindingResponse>) observer,
                  response,
                  failure);
            });
  }

  /** The request timeout, or what remains of the caller's deadline when that is sooner. */
  private long timeoutMillis() {
    long timeout = options.requestTimeout().toMillis();
    Deadline deadline = Context.current().getDeadline();
    return deadline == null
        ? timeout
        : Math.max(1, Math.min(timeout, deadline.timeRemaining(TimeUnit.MILLISECONDS)));
  }

  /** A binding that throws instead of failing its stage is answered the same way. */
  private static CompletionStage<InvokeResponse> invoke(
      RegisteredBinding binding, InvokeRequest request) {
    try {
      return binding.binding().invoke(request);
    } catch (RuntimeException | OutOfMemoryError e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static void answer(
      String name,
      ServerCallStreamObserver<InvokeBindingResponse> observer,
      InvokeResponse response,
      Throwable failure) {
    if (observer.isCancelled()) {
      return; // the caller gave up (its deadline, or it went away): nobody to answer
    }
    if (failure == null) {
      observer.onNext(
          InvokeBindingResponse.newBuilder()
              .setData(ByteString.copyFrom(response.data()))
              .putAllMetadata(response.metadata())
              .build());
      observer.onCompleted();
      return;
    }
    InvocationFailure meaning = InvocationFailure.of(failure);
    if (meaning.bug()) {
      LOG.error("binding {} failed unexpectedly", name, InvocationFailure.cause(failure));
    }
    observer.onError(GrpcErrors.of(meaning.error(), meaning.message(name), meaning.retryAfter()));
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
    return inFlight.get();
  }

  Duration requestTimeout() {
    return options.requestTimeout();
  }
}
