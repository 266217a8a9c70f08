package dev.sesbinding.serving;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One warn line for each failed send, whichever way it came in: a call the binding took that SES
 * refused or failed, or that timed out or failed in the binding ({@link #SEND_FAILURES}). A
 * caller's mistake and refused excess (400, 404, 429 from the server's own bounds) are answered,
 * not logged: a client cannot fill the log. The line names the component, the way in, the
 * operation, the error case and its status, and, where SES answered, its error code and request id.
 * Never an address, a subject, a body or the service's message (which may quote an address). At
 * most {@value #LINES_PER_SECOND} lines a second: under a flood, what was left out is counted in
 * the next line.
 */
final class FailedCallLog implements InvocationListener {
  private static final Logger LOG = LoggerFactory.getLogger("dev.sesbinding.calls");
  static final int LINES_PER_SECOND = 10;

  /** The cases of a send that failed past the caller: these are logged. */
  static final Set<ErrorCase> SEND_FAILURES =
      EnumSet.of(
          ErrorCase.REJECTED,
          ErrorCase.THROTTLED,
          ErrorCase.UNAVAILABLE,
          ErrorCase.TIMEOUT,
          ErrorCase.OUTCOME_UNKNOWN,
          ErrorCase.BINDING_FAILED,
          ErrorCase.INTERNAL,
          ErrorCase.NOT_INITIALISED);

  static final int MAX_NAME = 64;
  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  private final LongSupplier clock;
  private final Consumer<String> sink;
  private long windowStart;
  private int linesInWindow;
  private long leftOut;

  FailedCallLog() {
    this(System::nanoTime, LOG::warn);
  }

  /** Lines to {@code sink}, a second on {@code clock} (nanoseconds). */
  FailedCallLog(LongSupplier clock, Consumer<String> sink) {
    this.clock = clock;
    this.sink = sink;
    this.windowStart = clock.getAsLong();
  }

  @Override
  public void ended(CallInfo call, Outcome outcome, Duration took) {
    if (outcome.refusal().map(refusal -> !SEND_FAILURES.contains(refusal.error())).orElse(true)) {
      return;
    }
    long skipped;
    synchronized (this) {
      long now = clock.getAsLong();
      if (now - windowStart >= SECOND) {
        windowStart = now;
        linesInWindow = 0;
      }
      if (linesInWindow >= LINES_PER_SECOND) {
        leftOut++;
        return;
      }
      linesInWindow++;
      skipped = leftOut;
      leftOut = 0;
    }
    sink.accept(line(call, outcome, took, skipped));
  }

  static String line(CallInfo call, Outcome outcome, Duration took, long skipped) {
    Refusal refusal = outcome.refusal().orElseThrow();
    StringBuilder line =
        new StringBuilder("call failed: component=")
            .append(printable(call.component()))
            .append(" way_in=")
            .append(call.wayIn().name().toLowerCase(Locale.ROOT))
            .append(" operation=")
            .append(printable(call.operation()))
            .append(" kind=")
            .append(refusal.error().name().toLowerCase(Locale.ROOT))
            .append(" status=")
            .append(refusal.error().httpStatus())
            .append(" took_ms=")
            .append(took.toMillis());
    outcome
        .serviceError()
        .ifPresent(
            service ->
                line.append(" ses_code=")
                    .append(service.code())
                    .append(" request_id=")
                    .append(service.requestId()));
    if (skipped > 0) {
      line.append(" (").append(skipped).append(" more failed calls not logged before this one)");
    }
    return line.toString();
  }

  /**
   * What a caller named, safe on one line: control characters and spaces as {@code ?}, at most
   * {@value #MAX_NAME} characters.
   */
  static String printable(String name) {
    StringBuilder out = new StringBuilder(Math.min(name.length(), MAX_NAME + 3));
    for (int i = 0; i < name.length() && i < MAX_NAME; i++) {
      char c = name.charAt(i);
      out.append(Character.isISOControl(c) || Character.isWhitespace(c) ? '?' : c);
    }
    if (name.length() > MAX_NAME) {
      out.append("...");
    }
    return out.toString();
  }
}
