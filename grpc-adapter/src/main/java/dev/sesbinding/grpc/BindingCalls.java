package dev.sesbinding.grpc;

import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.serving.ErrorCase;
import dev.sesbinding.serving.Invocation;
import dev.sesbinding.serving.InvocationPipeline;
import dev.sesbinding.serving.Outcome;
import dev.sesbinding.serving.Refusal;
import dev.sesbinding.serving.WayIn;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One way to serve a binding call over gRPC, for Dapr's runtime API and the pluggable component
 * alike: decode (the {@code data} rule), hand the call to the {@link InvocationPipeline} with the
 * caller's deadline, cancel it when the caller cancels or resets the stream, and encode its outcome
 * as exactly one answer. Nothing here blocks.
 */
final class BindingCalls {
  private final InvocationPipeline pipeline;
  private final WayIn wayIn;

  BindingCalls(InvocationPipeline pipeline, WayIn wayIn) {
    this.pipeline = pipeline;
    this.wayIn = wayIn;
  }

  /**
   * Serves a call of binding {@code name} and answers {@code observer} once, with {@code reply} of
   * the binding's response or with the refusal's status.
   */
  @SuppressWarnings("FutureReturnValueIgnored") // the callback answers every outcome
  <T> void invoke(
      String name,
      String operation,
      byte[] data,
      Map<String, String> metadata,
      StreamObserver<T> observer,
      Function<InvokeResponse, T> reply) {
    ServerCallStreamObserver<T> call = (ServerCallStreamObserver<T>) observer;
    Optional<byte[]> body = BindingData.of(data);
    TraceHeaders.Exchange trace = TraceHeaders.current();
    Invocation invocation =
        body.isEmpty()
            ? pipeline.refuse(
                wayIn,
                name,
                operation,
                Refusal.invoking(ErrorCase.MALFORMED_REQUEST, name, "data is not valid UTF-8"))
            : pipeline.invoke(
                wayIn,
                name,
                InvokeRequest.of(operation, body.get(), metadata),
                callerDeadline(),
                trace.incoming);
    trace.answer = invocation.trace();
    call.setOnCancelHandler(invocation::cancel);
    invocation.outcome().thenAccept(outcome -> answer(call, outcome, reply));
  }

  /** What remains of the caller's deadline, if it set one. */
  private static Duration callerDeadline() {
    Deadline deadline = Context.current().getDeadline();
    return deadline == null
        ? null
        : Duration.ofMillis(Math.max(1, deadline.timeRemaining(TimeUnit.MILLISECONDS)));
  }

  private <T> void answer(
      ServerCallStreamObserver<T> call, Outcome outcome, Function<InvokeResponse, T> reply) {
    if (call.isCancelled()) {
      return; // the caller gave up (its deadline, a cancel, a reset): nobody to answer
    }
    if (outcome.succeeded()) {
      call.onNext(reply.apply(outcome.response().orElseThrow()));
      call.onCompleted();
    } else {
      Refusal refusal = outcome.refusal().orElseThrow();
      // daprd prefixes a component's error with "error invoking output binding <name>: " itself
      call.onError(GrpcErrors.of(wayIn == WayIn.PLUGGABLE ? refusal.withoutDaprPrefix() : refusal));
    }
  }
}
