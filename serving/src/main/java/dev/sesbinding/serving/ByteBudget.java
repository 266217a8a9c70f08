package dev.sesbinding.serving;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request bytes a server holds at once, across every adapter that draws on it: each request
 * reserves what it buffers and releases it when answered; a reservation that would pass the limit
 * is refused, and the adapter answers it {@link ErrorCase#OVERLOADED}. Thread-safe.
 */
public final class ByteBudget {
  private final long limit;
  private final AtomicLong held = new AtomicLong();

  private ByteBudget(long limit) {
    this.limit = limit;
  }

  /** A budget of {@code limit} bytes, at least 1. */
  public static ByteBudget of(long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a byte budget must be positive: " + limit);
    }
    return new ByteBudget(limit);
  }

  /** Reserves {@code bytes} if they fit; false, reserving nothing, if they do not. */
  public boolean tryReserve(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative: " + bytes);
    }
    long after = held.addAndGet(bytes);
    if (after > limit || after < 0) {
      held.addAndGet(-bytes);
      return false;
    }
    return true;
  }

  /** Gives back {@code bytes} reserved before. */
  public void release(long bytes) {
    held.addAndGet(-bytes);
  }

  /** Why a reservation that did not fit was refused, for {@link ErrorCase#OVERLOADED}. */
  public String exhausted() {
    return "too many request bytes held at once (limit "
        + limit
        + ", --max-buffered-bytes); retry later";
  }

  public long limit() {
    return limit;
  }

  /** The bytes reserved now. */
  public long held() {
    return held.get();
  }

  @Override
  public String toString() {
    return "ByteBudget[" + held.get() + " of " + limit + " bytes held]";
  }
}
