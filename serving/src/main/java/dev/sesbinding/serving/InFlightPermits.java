package dev.sesbinding.serving;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The binding calls a server handles at once, across every way in that draws on it: a call takes a
 * permit once its request has arrived and gives it back when it ends; one that finds none free is
 * refused {@link ErrorCase#OVERLOADED}. Thread-safe.
 */
public final class InFlightPermits {
  private final int limit;
  private final AtomicInteger taken = new AtomicInteger();

  private InFlightPermits(int limit) {
    this.limit = limit;
  }

  /** {@code limit} permits, at least 1. */
  public static InFlightPermits of(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("in-flight permits must be positive: " + limit);
    }
    return new InFlightPermits(limit);
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

  /** The permits taken now: calls in flight. */
  public int taken() {
    return taken.get();
  }

  @Override
  public String toString() {
    return "InFlightPermits[" + taken.get() + " of " + limit + " taken]";
  }
}
