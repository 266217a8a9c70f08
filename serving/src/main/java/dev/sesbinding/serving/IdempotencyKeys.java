package dev.sesbinding.serving;

import dev.sesbinding.core.InvokeResponse;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The idempotency keys one component remembers, in memory: each key's email digest and where its
 * first send stands (in flight, sent with its answer, or of unknown outcome), for the window from
 * when it was first seen. At most {@code maxKeys} at once: a new key beyond them is refused, never
 * made room for by forgetting a key inside its window. Thread-safe; no call blocks on I/O.
 */
final class IdempotencyKeys {
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final long windowNanos;
  private final int maxKeys;
  private final LongSupplier clock;

  IdempotencyKeys(IdempotencySettings settings, LongSupplier clock) {
    this.windowNanos = settings.window().toNanos();
    this.maxKeys = settings.maxKeys();
    this.clock = clock;
  }

  /** Where a key's first send stands. */
  enum State {
    IN_FLIGHT,
    SENT,
    UNKNOWN
  }

  /**
   * One key: its email's digest, its first send's state, and when it is forgotten; while in flight
   * the answer its waiters wait for, once sent only what that answer was (a message id, where the
   * answer is the usual one: keys outlive many collections, so each keeps as little as it can).
   */
  static final class Entry {
    final String digest;
    final long expiresAt;
    volatile CompletableFuture<InvokeResponse> answer = new CompletableFuture<>();
    volatile State state = State.IN_FLIGHT;
    private volatile Object sent;

    Entry(String digest, long expiresAt) {
      this.digest = digest;
      this.expiresAt = expiresAt;
    }

    /** Where to wait for the first answer: in flight its future, once sent a completed one. */
    CompletableFuture<InvokeResponse> answer() {
      CompletableFuture<InvokeResponse> waiting = answer;
      if (waiting != null) {
        return waiting;
      }
      Object kept = sent;
      return CompletableFuture.completedFuture(
          kept instanceof String messageId
              ? InvokeResponse.ofMessageId(messageId)
              : (InvokeResponse) kept);
    }
  }

  /** What a call with a key finds: its own new entry, someone else's, or no room. */
  record Claim(Entry entry, boolean mine, boolean full) {}

  /**
   * Claims {@code key} for an email of {@code digest}: a new entry (mine) when the key is unknown,
   * or was of unknown outcome and {@code replaceUnknown}; else the key's entry as it stands; or
   * full.
   */
  synchronized Claim claim(String key, String digest, boolean replaceUnknown) {
    long now = clock.getAsLong();
    forgetExpired(now);
    Entry existing = entries.get(key);
    if (existing != null
        && !(replaceUnknown && existing.state == State.UNKNOWN && existing.digest.equals(digest))) {
      return new Claim(existing, false, false);
    }
    if (existing == null && entries.size() >= maxKeys) {
      return new Claim(null, false, true);
    }
    Entry mine = new Entry(digest, now + windowNanos);
    entries.remove(key);
    entries.put(key, mine);
    return new Claim(mine, true, false);
  }

  /** The first send of {@code entry} sent: later calls get its answer again. */
  void sent(Entry entry, InvokeResponse response) {
    Object kept = response.isJustMessageId() ? response.metadata().get("messageId") : response;
    CompletableFuture<InvokeResponse> waiting = entry.answer;
    synchronized (this) {
      entry.sent = kept;
      entry.state = State.SENT;
      entry.answer = null;
    }
    waiting.complete(response);
  }

  /** It failed for certain (nothing sent): the key is free again; waiting calls get the failure. */
  void released(String key, Entry entry, Throwable failure) {
    synchronized (this) {
      entries.remove(key, entry);
    }
    entry.answer.completeExceptionally(failure);
  }

  /** It may have sent: the key stays, of unknown outcome; waiting calls get the failure. */
  void unknown(Entry entry, Throwable failure) {
    synchronized (this) {
      entry.state = State.UNKNOWN;
    }
    entry.answer.completeExceptionally(failure);
  }

  /** Keys remembered now. */
  synchronized int size() {
    return entries.size();
  }

  /** Entries expire in the order they were made: the window is the same for all. */
  private void forgetExpired(long now) {
    Iterator<Entry> oldest = entries.values().iterator();
    while (oldest.hasNext()) {
      Entry entry = oldest.next();
      if (entry.expiresAt - now > 0 || entry.state == State.IN_FLIGHT) {
        return;
      }
      oldest.remove();
    }
  }
}
