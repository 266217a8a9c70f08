package dev.sesbinding.core.ses;

import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.Outbox;
import dev.sesbinding.core.email.SentEmail;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Keeps every email it is given, up to a capacity (the oldest leave first), and sends nothing. */
final class OutboxTransport implements EmailTransport, Outbox {
  static final int DEFAULT_CAPACITY = 1000;
  static final int MAX_CAPACITY = 100_000;

  private final int capacity;
  private final Clock clock;
  private final ArrayDeque<SentEmail> emails = new ArrayDeque<>();

  OutboxTransport(int capacity, Clock clock) {
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "capacity must be between 1 and " + MAX_CAPACITY + ": " + capacity);
    }
    this.capacity = capacity;
    this.clock = clock;
  }

  @Override
  public CompletionStage<String> send(Email email) {
    SentEmail sent = new SentEmail("outbox-" + UUID.randomUUID(), clock.instant(), email);
    synchronized (emails) {
      if (emails.size() == capacity) {
        emails.removeFirst();
      }
      emails.addLast(sent);
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
  public int capacity() {
    return capacity;
  }

  @Override
  public void clear() {
    synchronized (emails) {
      emails.clear();
    }
  }
}
