package dev.sesbinding.serving;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections a server holds open at once, across every adapter that draws on it (each one a
 * file descriptor): a new connection takes a slot and gives it back when it closes; one that finds
 * no slot free is closed at once. Thread-safe.
 */
public final class ConnectionSlots {
  private final int limit;
  private final AtomicInteger taken = new AtomicInteger();

  private ConnectionSlots(int limit) {
    this.limit = limit;
  }

  /** {@code limit} slots, at least 1. */
  public static ConnectionSlots of(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("connection slots must be positive: " + limit);
    }
    return new ConnectionSlots(limit);
  }

  /** Takes a slot if one is free; false, taking nothing, if none is. */
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

  /** Gives back a slot taken before. */
  public void giveBack() {
    taken.decrementAndGet();
  }

  public int limit() {
    return limit;
  }

  /** The slots taken now: connections open. */
  public int taken() {
    return taken.get();
  }

  @Override
  public String toString() {
    return "ConnectionSlots[" + taken.get() + " of " + limit + " taken]";
  }
}
