package dev.sesbinding.grpc;

import dev.sesbinding.core.ErrorCase;
import dev.sesbinding.core.InvocationFailure;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One way to serve a binding call over gRPC, for Dapr's runtime API and the pluggable component
 * alike: the {@code data} rule, the in-flight limit, the request timeout or the caller's deadline
 * (whichever is sooner), and exactly one answer, with the error table's status on failure. Nothing
 * here blocks: the answer comes when the binding's stage completes.
 */
final class BindingCalls {
  private static final Logger LOG = LoggerFactory.getLogger(BindingCalls.class);

  private final int maxInFlight;
  private final Duration requestTimeout;
  private final AtomicInteger inFlight = new AtomicInteger();

  BindingCalls(int maxInFlight, Duration requestTimeout) {
    this.maxInFlight = maxInFlight;
    this.requestTimeout = requestTimeout;
  }

  /**
   * Invokes {@code binding} (known to the caller as {@code name}) and answers {@code observer}
   * once, with {@code reply} of the binding's response or with the failure's status.
   */
  @SuppressWarnings("FutureReturnValueIgnored") // the whenComplete callback answers every outcome
  <T> void invoke(
      String name,
      OutputBinding binding,
      String operation,
      byte[] data,
      Map<String, String> metadata,
      StreamObserver<T> observer,
      Function<InvokeResponse, T> reply) {
    Optional<byte[]> body = BindingData.of(data);
    if (body.isEmpty()) {
      observer.onError(
          GrpcErrors.of(
              ErrorCase.MALFORMED_REQUEST,
              "error invoking output binding " + name + ": data is not valid UTF-8",
              null));
      return;
    }
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      observer.onError(
          GrpcErrors.of(
              ErrorCase.OVERLOADED,
              "error invoking output binding "
                  + name
                  + ": too many requests in flight (limit "
                  + maxInFlight
                  + "); retry later",
              null));
      return;
    }
    start(binding, InvokeRequest.of(operation, body.get(), metadata))
        .toCompletableFuture()
        .orTimeout(timeoutMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (response, failure) -> {
              inFlight.decrementAndGet();
              answer(name, (ServerCallStreamObserver<T>) observer, response, failure, reply);
            });
  }

  int inFlight() {
    return inFlight.get();
  }

  /** The request timeout, or what remains of the caller's deadline when that is sooner. */
  private long timeoutMillis() {
    long timeout = requestTimeout.toMillis();
    Deadline deadline = Context.current().getDeadline();
    return deadline == null
        ? timeout
        : Math.max(1, Math.min(timeout, deadline.timeRemaining(TimeUnit.MILLISECONDS)));
  }

  /** A binding that throws instead of failing its stage is answered the same way. */
  private static CompletionStage<InvokeResponse> start(
      OutputBinding binding, InvokeRequest request) {
    try {
      return binding.invoke(request);
    } catch (RuntimeException | OutOfMemoryError e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static <T> void answer(
      String name,
      ServerCallStreamObserver<T> observer,
      InvokeResponse response,
      Throwable failure,
      Function<InvokeResponse, T> reply) {
    if (observer.isCancelled()) {
      return; // the caller gave up (its deadline, or it went away): nobody to answer
    }
    if (failure == null) {
      observer.onNext(reply.apply(response));
      observer.onCompleted();
      return;
    }
    observer.onError(failed(name, failure));
  }

  /** The status a failed stage of binding {@code name} is answered with; a bug is logged. */
  static RuntimeException failed(String name, Throwable failure) {
    InvocationFailure meaning = InvocationFailure.of(failure);
    if (meaning.bug()) {
      LOG.error("binding {} failed unexpectedly", name, InvocationFailure.cause(failure));
    }
    return GrpcErrors.of(meaning.error(), meaning.message(name), meaning.retryAfter());
  }
}
