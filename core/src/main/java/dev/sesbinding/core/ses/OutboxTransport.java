package dev.sesbinding.core.ses;

import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.EmailRules;
import dev.sesbinding.core.email.Outbox;
import dev.sesbinding.core.email.SentEmail;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Keeps every email it is given and sends nothing, bounded by count and by bytes: the oldest leave
 * first, and the newest is always kept.
 */
final class OutboxTransport implements EmailTransport, Outbox {
  static final int DEFAULT_CAPACITY = 1000;
  static final int MAX_CAPACITY = 100_000;
  static final long DEFAULT_MAX_BYTES = 16L << 20;
  static final long MIN_MAX_BYTES = 1L << 10;
  static final long MAX_MAX_BYTES = 1L << 30;

  private final int capacity;
  private final long maxBytes;
  private final Clock clock;
  private final ArrayDeque<SentEmail> emails = new ArrayDeque<>();
  private long bytes;

  OutboxTransport(int capacity, long maxBytes, Clock clock) {
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "capacity must be between 1 and " + MAX_CAPACITY + ": " + capacity);
    }
    if (maxBytes < MIN_MAX_BYTES || maxBytes > MAX_MAX_BYTES) {
      throw new IllegalArgumentException(
          "maxBytes must be between " + MIN_MAX_BYTES + " and " + MAX_MAX_BYTES + ": " + maxBytes);
    }
    this.capacity = capacity;
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  @Override
  public CompletionStage<String> send(Email email) {
    SentEmail sent =
        new SentEmail(
            "outbox-" + UUID.randomUUID(), clock.instant(), email, EmailRules.encodedSize(email));
    long size = email.heapBytes();
    synchronized (emails) {
      while (!emails.isEmpty() && (emails.size() == capacity || bytes + size > maxBytes)) {
        bytes -= emails.removeFirst().email().heapBytes();
      }
      emails.addLast(sent);
      bytes += size;
    }
    return CompletableFuture.completedFuture(sent.messageId());
  }

  @Override
  public List<SentEmail> list() {
    synchronized (emails) {
      return List.copyOf(emails);
    }
  }

  @Override
  public int count() {
    synchronized (emails) {
      return emails.size();
    }
  }

  @Override
  public Optional<byte[]> mime(SentEmail sent) {
    return sent.email().isTemplated() ? Optional.empty() : Optional.of(RawEmails.of(sent.email()));
  }

  @Override
  public int capacity() {
    return capacity;
  }

  @Override
  public long maxBytes() {
    return maxBytes;
  }

  @Override
  public long bytes() {
    synchronized (emails) {
      return bytes;
    }
  }

  @Override
  public void clear() {
    synchronized (emails) {
      emails.clear();
      bytes = 0;
    }
  }
}
