package dev.sesbinding.grpc;

import dev.sesbinding.serving.ErrorCase;
import dev.sesbinding.serving.Refusal;
import io.grpc.Context;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a call must do before its handler sees it: its stream must fit the byte budget (else it is
 * refused at once), and its request message must arrive within the read timeout of its headers
 * (else {@code READ_TIMEOUT}, the HTTP API's 408) and fit the budget as it arrives (else {@code
 * OVERLOADED} with {@code RetryInfo}, told by {@link BufferedMessages}). Whichever comes first
 * wins: a call refused is closed from the table, and the handler never sees its message, so nothing
 * refused is ever sent.
 */
final class MessageGate implements ServerInterceptor {
  private static final int WAITING = 0;
  private static final int ARRIVED = 1;
  private static final int REFUSED = 2;

  private final long timeoutMillis;
  private final ScheduledExecutorService timers;

  MessageGate(Duration timeout, ScheduledExecutorService timers) {
    this.timeoutMillis = timeout.toMillis();
    this.timers = timers;
  }

  /** One call's gate: open until the message arrives, or closed by a refusal first. */
  static final class Gate {
    private final ServerCall<?, ?> call;
    private final AtomicInteger state = new AtomicInteger(WAITING);
    private ScheduledFuture<?> deadline;

    private Gate(ServerCall<?, ?> call) {
      this.call = call;
    }

    /** Refuses the call if its message has not arrived yet; whether it did. */
    boolean refuse(Refusal refusal) {
      if (!state.compareAndSet(WAITING, REFUSED)) {
        return false;
      }
      if (deadline != null) {
        deadline.cancel(false);
      }
      GrpcErrors.close(call, refusal);
      return true;
    }

    /** Whether the handler may see the call's events: not once it was refused. */
    private boolean arrived() {
      if (state.compareAndSet(WAITING, ARRIVED) && deadline != null) {
        deadline.cancel(false);
      }
      return state.get() == ARRIVED;
    }
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    BufferedMessages.Held held = BufferedMessages.HELD.get(Context.current());
    Optional<Refusal> noRoom = held == null ? Optional.empty() : held.refusedAtStart();
    if (noRoom.isPresent()) {
      GrpcErrors.close(call, noRoom.get());
      return new ServerCall.Listener<>() {};
    }
    Gate gate = new Gate(call);
    gate.deadline =
        timers.schedule(
            () ->
                gate.refuse(
                    Refusal.of(
                        ErrorCase.READ_TIMEOUT,
                        "the request message did not arrive within "
                            + timeoutMillis
                            + " ms (--read-timeout)")),
            timeoutMillis,
            TimeUnit.MILLISECONDS);
    if (held != null) {
      held.gate(gate);
    }
    ServerCall.Listener<Q> handler = next.startCall(call, headers);
    return new SimpleForwardingServerCallListener<>(handler) {
      @Override
      public void onMessage(Q message) {
        Optional<Refusal> malformed = RequestParsing.malformed(call, message);
        if (malformed.isPresent()) {
          gate.refuse(malformed.get()); // the handler never sees it, nor the half-close after
        } else if (gate.arrived()) {
          super.onMessage(message);
        }
      }

      @Override
      public void onHalfClose() {
        if (gate.arrived()) {
          super.onHalfClose();
        }
      }

      @Override
      public void onCancel() {
        gate.arrived();
        super.onCancel();
      }

      @Override
      public void onComplete() {
        gate.arrived();
        super.onComplete();
      }
    };
  }
}
