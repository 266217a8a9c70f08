package dev.sesbinding.serving;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.core.ServiceError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to every binding call, whichever way it came in: name -> binding -> admission (one
 * in-flight count for the whole server) -> deadline (the caller's or the request timeout, whichever
 * is sooner) -> invoke -> cancellation -> outcome, with listeners told of its start and end.
 * Adapters only decode a call, hand it here, and encode the {@link Outcome}. Nothing here blocks:
 * the outcome completes when the binding's stage does. Every failed call logs one line ({@link
 * FailedCallLog}).
 */
public final class InvocationPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(InvocationPipeline.class);

  private final BindingSource bindings;
  private final ServingLimits limits;
  private final Capacity capacity;
  private final List<InvocationListener> listeners;
  private final CallTracer tracer;

  private InvocationPipeline(Builder builder) {
    this.bindings = Objects.requireNonNull(builder.bindings, "bindings");
    this.limits = Objects.requireNonNull(builder.limits, "limits");
    this.capacity = builder.capacity == null ? Capacity.of(limits) : builder.capacity;
    List<InvocationListener> all = new ArrayList<>();
    all.add(new FailedCallLog());
    all.addAll(builder.listeners);
    this.listeners = List.copyOf(all);
    this.tracer = builder.tracer;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The limits every way in over this pipeline enforces. */
  public ServingLimits limits() {
    return limits;
  }

  /** The live counts every way in over this pipeline draws on. */
  public Capacity capacity() {
    return capacity;
  }

  /**
   * Serves {@code request} for binding {@code name}, come in by {@code wayIn}, within {@code
   * callerDeadline} when the caller set one (null when not) and the request timeout.
   */
  public Invocation invoke(
      WayIn wayIn, String name, InvokeRequest request, Duration callerDeadline) {
    return invoke(wayIn, name, request, callerDeadline, TraceContext.NONE);
  }

  /** As {@link #invoke(WayIn, String, InvokeRequest, Duration)}, in the caller's {@code trace}. */
  public Invocation invoke(
      WayIn wayIn,
      String name,
      InvokeRequest request,
      Duration callerDeadline,
      TraceContext trace) {
    CallInfo call = new CallInfo(wayIn, name, request.operation());
    long started = System.nanoTime();
    CallTracer.Span span = tracer.start(call, trace);
    tellStarted(call);
    Optional<BindingSource.Lease> binding = bindings.acquire(name);
    if (binding.isEmpty()) {
      return ended(call, started, span, bindings.notFound(name));
    }
    if (!capacity.inFlight().tryTake()) {
      binding.get().release();
      return ended(
          call,
          started,
          span,
          Refusal.invoking(
              ErrorCase.OVERLOADED,
              name,
              "too many requests in flight (limit "
                  + capacity.inFlight().limit()
                  + ", --max-in-flight); retry later"));
    }
    BindingSource.Lease lease = binding.get();
    CompletableFuture<InvokeResponse> work = span.within(() -> start(lease.binding(), request));
    CompletableFuture<Outcome> outcome =
        work.orTimeout(timeoutMillis(callerDeadline), TimeUnit.MILLISECONDS)
            .handle(
                (response, failure) -> {
                  capacity.inFlight().giveBack();
                  lease.release();
                  Outcome result =
                      failure == null
                          ? Outcome.success(response)
                          : Outcome.refused(failed(name, failure), serviceError(failure));
                  tellEnded(call, result, started);
                  span.end(result);
                  return result;
                });
    return new Invocation(work, outcome, span.context());
  }

  /**
   * A call refused before it could be handed over (its request did not decode), counted as every
   * call is.
   */
  public Invocation refuse(WayIn wayIn, String name, String operation, Refusal refusal) {
    CallInfo call = new CallInfo(wayIn, name, operation);
    long started = System.nanoTime();
    CallTracer.Span span = tracer.start(call, TraceContext.NONE);
    tellStarted(call);
    return ended(call, started, span, refusal);
  }

  private Invocation ended(CallInfo call, long started, CallTracer.Span span, Refusal refusal) {
    Outcome outcome = Outcome.refused(refusal);
    tellEnded(call, outcome, started);
    span.end(outcome);
    return new Invocation(
        new CompletableFuture<>(), CompletableFuture.completedFuture(outcome), span.context());
  }

  /** The request timeout, or the caller's deadline when that is sooner; at least 1 ms. */
  private long timeoutMillis(Duration callerDeadline) {
    long timeout = limits.requestTimeout().toMillis();
    return callerDeadline == null
        ? timeout
        : Math.max(1, Math.min(timeout, callerDeadline.toMillis()));
  }

  /** A binding that throws instead of failing its stage is answered the same way. */
  private static CompletableFuture<InvokeResponse> start(
      OutputBinding binding, InvokeRequest request) {
    try {
      return binding.invoke(request).toCompletableFuture();
    } catch (RuntimeException | OutOfMemoryError e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The refusal a failed stage of binding {@code name} is answered with; a bug is logged. */
  private static Refusal failed(String name, Throwable failure) {
    InvocationFailure meaning = InvocationFailure.of(failure);
    if (meaning.bug()) {
      LOG.error("binding {} failed unexpectedly", name, InvocationFailure.cause(failure));
    }
    return meaning.refusal(name);
  }

  private static ServiceError serviceError(Throwable failure) {
    return InvocationFailure.cause(failure) instanceof BindingException binding
        ? binding.serviceError().orElse(null)
        : null;
  }

  private void tellStarted(CallInfo call) {
    for (InvocationListener listener : listeners) {
      try {
        listener.started(call);
      } catch (RuntimeException e) {
        LOG.warn("invocation listener {} failed: {}", listener, e.toString());
      }
    }
  }

  private void tellEnded(CallInfo call, Outcome outcome, long started) {
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    for (InvocationListener listener : listeners) {
      try {
        listener.ended(call, outcome, took);
      } catch (RuntimeException e) {
        LOG.warn("invocation listener {} failed: {}", listener, e.toString());
      }
    }
  }

  /** Builds an {@link InvocationPipeline}: its bindings and limits, and what it shares. */
  public static final class Builder {
    private BindingSource bindings;
    private ServingLimits limits = ServingLimits.builder().build();
    private Capacity capacity;
    private final List<InvocationListener> listeners = new ArrayList<>();
    private CallTracer tracer = CallTracer.NONE;

    private Builder() {}

    /** Where calls find their binding (required). */
    public Builder bindings(BindingSource bindings) {
      this.bindings = bindings;
      return this;
    }

    public Builder limits(ServingLimits limits) {
      this.limits = limits;
      return this;
    }

    /**
     * The live counts to draw on, when shared with another pipeline of the same server; fresh
     * counts of the limits when not given.
     */
    public Builder capacity(Capacity capacity) {
      this.capacity = capacity;
      return this;
    }

    public Builder listener(InvocationListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Traces each call ({@link CallTracer#NONE} by default). */
    public Builder tracer(CallTracer tracer) {
      this.tracer = Objects.requireNonNull(tracer, "tracer");
      return this;
    }

    public InvocationPipeline build() {
      return new InvocationPipeline(this);
    }
  }
}
