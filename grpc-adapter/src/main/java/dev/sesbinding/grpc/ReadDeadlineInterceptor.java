package dev.sesbinding.grpc;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A call's request message must arrive within the read timeout of its headers, or the call ends
 * with {@code DEADLINE_EXCEEDED} (the HTTP API's 408): a message that trickles in holds its bytes
 * and its stream no longer than that. Whichever comes first, the message or the deadline, wins; a
 * message after the deadline is dropped unread by the handler.
 */
final class ReadDeadlineInterceptor implements ServerInterceptor {
  private static final int WAITING = 0;
  private static final int ARRIVED = 1;
  private static final int EXPIRED = 2;

  private final long timeoutMillis;
  private final ScheduledExecutorService timers;

  ReadDeadlineInterceptor(Duration timeout, ScheduledExecutorService timers) {
    this.timeoutMillis = timeout.toMillis();
    this.timers = timers;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    AtomicInteger state = new AtomicInteger(WAITING);
    ScheduledFuture<?> deadline =
        timers.schedule(
            () -> {
              if (state.compareAndSet(WAITING, EXPIRED)) {
                expire(call);
              }
            },
            timeoutMillis,
            TimeUnit.MILLISECONDS);
    ServerCall.Listener<Q> handler = next.startCall(call, headers);
    return new SimpleForwardingServerCallListener<>(handler) {
      /** Whether the handler may see this event: not once the deadline has passed. */
      private boolean inTime() {
        if (state.compareAndSet(WAITING, ARRIVED)) {
          deadline.cancel(false);
        }
        return state.get() == ARRIVED;
      }

      @Override
      public void onMessage(Q message) {
        if (inTime()) {
          super.onMessage(message);
        }
      }

      @Override
      public void onHalfClose() {
        if (inTime()) {
          super.onHalfClose();
        }
      }

      @Override
      public void onCancel() {
        inTime();
        super.onCancel();
      }

      @Override
      public void onComplete() {
        inTime();
        super.onComplete();
      }
    };
  }

  private <Q, R> void expire(ServerCall<Q, R> call) {
    try {
      call.close(
          Status.DEADLINE_EXCEEDED.withDescription(
              "the request message did not arrive within "
                  + timeoutMillis
                  + " ms (--read-timeout)"),
          new Metadata());
    } catch (IllegalStateException alreadyClosed) {
      // closed by whoever rejected the call first (the token): nothing left to end
    }
  }
}
