package dev.sesbinding.core.ses;

import dev.sesbinding.core.SesEvents;
import dev.sesbinding.core.SesEvents.Attempt;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Tells each send's {@link SesEvents.Send} how each of its attempts went, from the SDK's own hooks:
 * an attempt begins when its request is transmitted, and ends when the next begins (it was retried:
 * throttled, SES failed, or the connection broke or timed out) or when the send ends (success, or
 * the failure the send ends with). Cheaper than the SDK's metric publishers, which measure far more
 * than this needs.
 */
final class AttemptInterceptor implements ExecutionInterceptor {
  private static final ExecutionAttribute<Attempts> ATTEMPTS =
      new ExecutionAttribute<>("ses-binding.attempts");
  private static final ThreadLocal<SesEvents.Send> SENDING = new ThreadLocal<>();

  private final long attemptTimeoutNanos;

  AttemptInterceptor(Duration attemptTimeout) {
    this.attemptTimeoutNanos = attemptTimeout.toNanos();
  }

  /**
   * Hands a send to the SDK ({@code call}) so that its attempts are told to {@code send}: the SDK
   * begins the send on this thread.
   */
  static <T> T sending(SesEvents.Send send, Supplier<T> call) {
    SENDING.set(send);
    try {
      return call.get();
    } finally {
      SENDING.remove();
    }
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    SesEvents.Send send = SENDING.get();
    if (send != null) {
      attributes.putAttribute(ATTEMPTS, new Attempts(send, attemptTimeoutNanos));
    }
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    Attempts attempts = attributes.getAttribute(ATTEMPTS);
    if (attempts != null) {
      attempts.begin();
    }
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    Attempts attempts = attributes.getAttribute(ATTEMPTS);
    if (attempts != null) {
      attempts.answered(context.httpResponse().statusCode());
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    Attempts attempts = attributes.getAttribute(ATTEMPTS);
    if (attempts != null) {
      attempts.end(Attempt.SUCCESS);
    }
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    Attempts attempts = attributes.getAttribute(ATTEMPTS);
    if (attempts != null) {
      attempts.end(SesErrors.attemptOutcome(context.exception(), attempts.status()));
    }
  }

  /** One send's attempts: the one under way, and how it is told. */
  private static final class Attempts {
    private final SesEvents.Send send;
    private final long attemptTimeoutNanos;
    private int number;
    private boolean open;
    private long startNanos;
    private Instant startedAt;
    private int status = -1;

    Attempts(SesEvents.Send send, long attemptTimeoutNanos) {
      this.send = send;
      this.attemptTimeoutNanos = attemptTimeoutNanos;
    }

    synchronized void begin() {
      if (open) {
        close(retried());
      }
      number++;
      open = true;
      startNanos = System.nanoTime();
      startedAt = Instant.now();
      status = -1;
    }

    synchronized void answered(int httpStatus) {
      status = httpStatus;
    }

    synchronized int status() {
      return status;
    }

    synchronized void end(Attempt outcome) {
      if (open) {
        close(outcome);
      }
    }

    /**
     * How an attempt that was retried went: only throttling, 5xx and broken or timed-out
     * connections are retried.
     */
    private Attempt retried() {
      if (status < 0) {
        return System.nanoTime() - startNanos >= attemptTimeoutNanos * 9 / 10
            ? Attempt.TIMEOUT
            : Attempt.NETWORK;
      }
      if (status >= 500) {
        return Attempt.SERVER_ERROR;
      }
      return status >= 400 ? Attempt.THROTTLED : Attempt.NETWORK; // a 2xx that broke off
    }

    private void close(Attempt outcome) {
      open = false;
      try {
        send.attempted(
            outcome, number, startedAt, Duration.ofNanos(System.nanoTime() - startNanos));
      } catch (RuntimeException e) {
        // a listener's failure never changes a send
      }
    }
  }
}
