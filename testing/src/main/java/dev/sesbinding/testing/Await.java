package dev.sesbinding.testing;

import java.util.concurrent.TimeUnit;
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
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }
}
