package dev.sesbinding.core.ses;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.BindingException.Kind;
import dev.sesbinding.core.SesEvents;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.internal.DaemonThreads;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends no faster than the component's rate: one email at a time, at least {@code 1/rate} apart (a
 * late turn never lets the next ones catch up, so SES never sees a burst). An email waits its turn
 * in order, unless its wait would pass {@code maxWait}: then it is refused at once, {@code
 * THROTTLED} with when to retry, and SES is never called. An email whose caller gave up leaves the
 * line. With {@code auto}, the rate is the account's maximum send rate, read at start and every 10
 * minutes.
 */
final class PacedTransport implements EmailTransport {
  static final Duration REFRESH = Duration.ofMinutes(10);
  private static final Logger LOG = LoggerFactory.getLogger(PacedTransport.class);

  private final EmailTransport ses;
  private final Duration maxWait;
  private final String component;
  private final SesEvents events;
  private final ScheduledThreadPoolExecutor turns;
  private final Deque<Waiting> line = new ArrayDeque<>();
  private long intervalNanos;
  private long nextTurn = System.nanoTime();
  private boolean turnScheduled;
  private boolean closed;

  /** One email in line, and its caller's answer. */
  private record Waiting(Email email, CompletableFuture<String> answer) {}

  private PacedTransport(
      EmailTransport ses, double perSecond, Duration maxWait, String component, SesEvents events) {
    this.ses = ses;
    this.component = component;
    this.events = events;
    this.maxWait = maxWait;
    this.intervalNanos = interval(perSecond);
    this.turns = new ScheduledThreadPoolExecutor(1, DaemonThreads.factory("ses-binding-send-pace"));
  }

  /**
   * Paces {@code ses} at {@code rate}; with {@code auto}, {@code accountRate} reads the account's
   * rate (at start, then every 10 minutes). Takes ownership of {@code ses}.
   */
  static CompletionStage<EmailTransport> start(
      EmailTransport ses,
      SendRate rate,
      Duration maxWait,
      Supplier<CompletionStage<Double>> accountRate,
      String component,
      SesEvents events) {
    if (!rate.auto()) {
      return CompletableFuture.completedFuture(
          new PacedTransport(ses, rate.share(rate.perSecond()), maxWait, component, events));
    }
    return accountRate
        .get()
        .thenApply(
            perSecond -> {
              PacedTransport paced =
                  new PacedTransport(ses, rate.share(perSecond), maxWait, component, events);
              LOG.info("maxSendRate auto: {} emails/s for this replica", rate.share(perSecond));
              paced.refreshEvery(REFRESH, rate, accountRate);
              return (EmailTransport) paced;
            });
  }

  @SuppressWarnings("FutureReturnValueIgnored") // each refresh handles its own outcome
  private void refreshEvery(
      Duration period, SendRate rate, Supplier<CompletionStage<Double>> read) {
    turns.scheduleAtFixedRate(
        () ->
            read.get()
                .whenComplete(
                    (perSecond, failure) -> {
                      if (failure != null) {
                        LOG.warn(
                            "maxSendRate auto: GetSendQuota failed, keeping the rate: {}",
                            failure.toString());
                        return;
                      }
                      synchronized (this) {
                        intervalNanos = interval(rate.share(perSecond));
                      }
                    }),
        period.toNanos(),
        period.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  private static long interval(double perSecond) {
    return Math.max(1, (long) (1_000_000_000L / perSecond));
  }

  @Override
  public CompletionStage<String> send(Email email) {
    CompletableFuture<String> answer = new CompletableFuture<>();
    long wait;
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(
            new BindingException(Kind.UNAVAILABLE, "the binding is closed"));
      }
      long now = System.nanoTime();
      wait = Math.max(0, nextTurn - now) + (long) line.size() * intervalNanos;
      if (wait <= maxWait.toNanos()) {
        line.addLast(new Waiting(email, answer));
        scheduleTurn(now);
      }
    }
    if (wait > maxWait.toNanos()) {
      tell(() -> events.pacingRefused(component));
      // The line will be short enough again once the excess has gone: retry then.
      long excess = wait - maxWait.toNanos();
      Duration retry = Duration.ofSeconds(Math.max(1, (excess + 999_999_999L) / 1_000_000_000L));
      return CompletableFuture.failedFuture(
          new BindingException(
              Kind.THROTTLED,
              "SES binding error. Sending email failed: the component's maxSendRate ("
                  + String.format(Locale.ROOT, "%.3g", 1e9 / intervalNanos)
                  + " emails/s) would make this email wait "
                  + Duration.ofNanos(wait).toMillis()
                  + " ms, longer than it may; retry later",
              null,
              retry));
    }
    Duration waits = Duration.ofNanos(wait);
    tell(() -> events.paced(component, waits));
    return answer;
  }

  /** What a listener throws never changes a send. */
  private static void tell(Runnable event) {
    try {
      event.run();
    } catch (RuntimeException e) {
      // ignored, as SesEvents says
    }
  }

  /** Called with the lock held: the next turn, when none is scheduled. */
  @SuppressWarnings("FutureReturnValueIgnored") // a turn handles its own outcome
  private void scheduleTurn(long now) {
    if (!turnScheduled && !line.isEmpty()) {
      turnScheduled = true;
      turns.schedule(this::turn, Math.max(0, nextTurn - now), TimeUnit.NANOSECONDS);
    }
  }

  /** One turn: the first email still wanted goes to SES; the next turn is an interval later. */
  private void turn() {
    Waiting next = null;
    synchronized (this) {
      turnScheduled = false;
      long now = System.nanoTime();
      if (now < nextTurn) {
        scheduleTurn(now);
        return;
      }
      while (!line.isEmpty() && next == null) {
        Waiting first = line.pollFirst();
        if (!first.answer().isDone()) {
          next = first;
        }
      }
      if (next != null) {
        nextTurn = now + intervalNanos;
      }
      scheduleTurn(now);
    }
    if (next != null) {
      release(next);
    }
  }

  @SuppressWarnings("FutureReturnValueIgnored") // the callbacks complete the caller's answer
  private void release(Waiting waiting) {
    CompletableFuture<String> call;
    try {
      call = ses.send(waiting.email()).toCompletableFuture();
    } catch (RuntimeException e) {
      waiting.answer().completeExceptionally(e);
      return;
    }
    // The caller gave up (its deadline): the SES call is cancelled too.
    waiting.answer().whenComplete((id, failure) -> call.cancel(true));
    call.whenComplete(
        (id, failure) -> {
          if (failure != null) {
            waiting.answer().completeExceptionally(failure);
          } else {
            waiting.answer().complete(id);
          }
        });
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      for (Waiting waiting : line) {
        waiting
            .answer()
            .completeExceptionally(
                new BindingException(
                    Kind.UNAVAILABLE, "the binding closed before this email's turn"));
      }
      line.clear();
    }
    turns.shutdownNow();
    ses.close();
  }
}
