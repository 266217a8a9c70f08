package dev.sesbinding.core.ses;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.SesEvents;
import dev.sesbinding.core.SesEvents.Attempt;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.xml.stream.XMLStreamException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * One SES Query call of {@link QueryTransport}: its attempts, each within the attempt timeout and
 * all within the call timeout; a retry, after exponential backoff with half jitter (throttling from
 * five times the base delay), only where SES cannot have taken the email: throttled (not the daily
 * quota), or no byte sent. Completing {@link #result()} first (cancelling it) aborts the attempt
 * under way and any retry. Each attempt is told to the send's listener, as the SDK transport tells
 * them.
 */
@SuppressWarnings("FutureReturnValueIgnored") // callbacks that complete or abort; result returned
final class QueryCall<T> {

  /** What a success answer means; may throw {@link BindingException}. */
  @FunctionalInterface
  interface Reading<T> {
    T read(QueryAnswer answer);
  }

  private final Function<byte[], CompletableFuture<SesHttpAnswer>> exchange;
  private final byte[] body;
  private final Reading<T> reading;
  private final SesEvents.Send send;
  private final SesBindingOptions options;
  private final ScheduledExecutorService timers;
  private final Executor completion;
  private final CompletableFuture<T> result = new CompletableFuture<>();
  private final long deadline;

  private int attempt;
  private long startNanos;
  private Instant startedAt;
  private CompletableFuture<SesHttpAnswer> underWay;
  private Future<?> timer;
  private boolean finished;

  QueryCall(
      Function<byte[], CompletableFuture<SesHttpAnswer>> exchange,
      byte[] body,
      Reading<T> reading,
      SesEvents.Send send,
      SesBindingOptions options,
      ScheduledExecutorService timers,
      Executor completion) {
    this.exchange = exchange;
    this.body = body;
    this.reading = reading;
    this.send = send;
    this.options = options;
    this.timers = timers;
    this.completion = completion;
    this.deadline = System.nanoTime() + options.apiCallTimeout().toNanos();
    result.whenComplete((value, failure) -> abort());
  }

  CompletableFuture<T> result() {
    return result;
  }

  synchronized void start() {
    if (finished || result.isDone()) {
      return;
    }
    int number = ++attempt;
    startNanos = System.nanoTime();
    startedAt = Instant.now();
    long left = deadline - startNanos;
    long timeout = Math.min(options.apiCallAttemptTimeout().toNanos(), left);
    timer = timers.schedule(() -> timedOut(number), Math.max(timeout, 0), TimeUnit.NANOSECONDS);
    CompletableFuture<SesHttpAnswer> call;
    try {
      call = exchange.apply(body);
    } catch (RuntimeException e) {
      call = CompletableFuture.failedFuture(e);
    }
    underWay = call;
    call.whenComplete((answer, failure) -> answered(number, answer, failure));
  }

  private synchronized void answered(int number, SesHttpAnswer answer, Throwable failure) {
    if (number != attempt || finished || result.isDone()) {
      return; // timed out, cancelled, or an older attempt
    }
    timer.cancel(false);
    if (failure != null) {
      Throwable cause = SesErrors.unwrap(failure);
      if (!retriedIfSafe(cause, -1)) {
        end(Attempt.NETWORK);
        // an exchange that broke after the request went out; else (refused, no credentials)
        // nothing was sent
        fail(
            cause instanceof IOException && !SesErrors.isRefusedUnsent(cause)
                ? SesErrors.brokenOff(cause)
                : SesErrors.toBindingException(cause));
      }
      return;
    }
    if (!answer.isSuccess()) {
      AwsServiceException error = QueryAnswer.error(answer.status(), answer.body());
      if (!retriedIfSafe(error, answer.status())) {
        end(SesErrors.attemptOutcome(error, answer.status()));
        fail(SesErrors.toBindingException(error));
      }
      return;
    }
    T value;
    try {
      value = reading.read(QueryAnswer.read(answer.body()));
    } catch (XMLStreamException e) {
      end(SesErrors.attemptOutcome(e, answer.status()));
      fail(SesErrors.toBindingException(e));
      return;
    } catch (BindingException e) {
      end(Attempt.SUCCESS);
      fail(e);
      return;
    }
    end(Attempt.SUCCESS);
    succeed(value);
  }

  /**
   * Schedules a retry when {@link SesErrors#isRefusedUnsent} allows it and time is left; {@code
   * false} when the call must end with {@code error}.
   */
  private boolean retriedIfSafe(Throwable error, int status) {
    return SesErrors.isRefusedUnsent(error)
        && retried(SesErrors.attemptOutcome(error, status), SesErrors.isThrottling(error));
  }

  /** The attempt under way has had its time: it went out, so it is never retried. */
  private synchronized void timedOut(int number) {
    if (number != attempt || finished || result.isDone()) {
      return;
    }
    finished = true;
    underWay.cancel(true);
    end(Attempt.TIMEOUT);
    boolean wholeCall = System.nanoTime() - deadline >= 0;
    fail(
        SesErrors.unanswered(
            wholeCall ? options.apiCallTimeout() : options.apiCallAttemptTimeout(), wholeCall));
  }

  /** Schedules the next attempt, if one is left and its backoff ends within the call. */
  private boolean retried(Attempt outcome, boolean throttled) {
    if (attempt >= options.maxAttempts()) {
      return false;
    }
    Duration base = throttled ? options.retryBaseDelay().multipliedBy(5) : options.retryBaseDelay();
    long step =
        Math.min(options.retryMaxDelay().toNanos(), base.toNanos() << Math.min(attempt - 1, 20));
    long wait = step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
    if (System.nanoTime() + wait - deadline >= 0) {
      return false;
    }
    end(outcome);
    timer = timers.schedule(this::start, wait, TimeUnit.NANOSECONDS);
    return true;
  }

  private void end(Attempt outcome) {
    if (send == null) {
      return;
    }
    try {
      send.attempted(outcome, attempt, startedAt, Duration.ofNanos(System.nanoTime() - startNanos));
    } catch (RuntimeException e) {
      // a listener's failure never changes a send
    }
  }

  private void succeed(T value) {
    finished = true;
    completion.execute(() -> result.complete(value));
  }

  private void fail(BindingException error) {
    finished = true;
    completion.execute(() -> result.completeExceptionally(error));
  }

  /** Done from outside (cancelled) or by an answer: nothing more goes out. */
  private synchronized void abort() {
    if (timer != null) {
      timer.cancel(false);
    }
    if (underWay != null && !underWay.isDone()) {
      underWay.cancel(true);
    }
  }
}
