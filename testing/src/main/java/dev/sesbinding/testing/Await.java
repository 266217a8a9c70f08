package dev.sesbinding.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits on the test's own thread (never an event loop) for a condition that another thread makes
 * true.
 */
public final class Await {
  private static final long TIMEOUT_SECONDS = 10;

  private Await() {}

  /**
   * Polls {@code condition} until it holds, for at most 10 s; fails naming {@code what} otherwise.
   */
  public static void until(BooleanSupplier condition, String what) throws InterruptedException {
    poll(condition, what, Duration.ofSeconds(TIMEOUT_SECONDS), 10);
  }

  /**
   * Tries {@code attempt} every 100 ms until it holds, for at most {@code timeout}: for a condition
   * that costs a request to find out, such as a process that reconnects with a backoff.
   */
  public static void until(BooleanSupplier attempt, String what, Duration timeout)
      throws InterruptedException {
    poll(attempt, what, timeout, 100);
  }

  private static void poll(BooleanSupplier condition, String what, Duration timeout, long pauseMs)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + timeout.toSeconds() + " s waiting until " + what);
      }
      Thread.sleep(pauseMs);
    }
  }
}
