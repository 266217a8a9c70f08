package dev.sesbinding.serving;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded count of things a server holds at once, across every way in that draws on it: binding
 * calls in flight, or connections open (each one a file descriptor). One is taken as a thing starts
 * and given back as it ends; one that finds none free is refused. Thread-safe.
 */
public final class Permits {
  private final String what;
  private final int limit;
  private final AtomicInteger taken = new AtomicInteger();

  private Permits(String what, int limit) {
    this.what = what;
    this.limit = limit;
  }

  /** {@code limit} permits, at least 1, of {@code what} (as {@link #toString()} names them). */
  public static Permits of(String what, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException(what + " must be positive: " + limit);
    }
    return new Permits(what, limit);
  }

  /** Takes a permit if one is free; false, taking nothing, if none is. */
  public boolean tryTake() {
    int now;
    do {
      now = taken.get();
      if (now >= limit) {
        return false;
      }
    } while (!taken.compareAndSet(now, now + 1));
    return true;
  }

  /** Gives back a permit taken before. */
  public void giveBack() {
    taken.decrementAndGet();
  }

  public int limit() {
    return limit;
  }

  /** The permits taken now. */
  public int taken() {
    return taken.get();
  }

  @Override
  public String toString() {
    return "Permits[" + what + ": " + taken.get() + " of " + limit + " taken]";
  }
}
