package dev.sesbinding.http;

import dev.sesbinding.core.email.SentEmail;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which kept emails one answer of the outbox's API holds: at most a count and about a byte bound of
 * them (always at least one), the oldest first from a place or the newest first that match a
 * search, never with a gap.
 */
final class OutboxPages {
  private OutboxPages() {}

  /**
   * The emails of one answer, the bytes they hold, how many matched in all, and the message id to
   * ask after for the next page when more remain.
   */
  record Page(List<SentEmail> emails, long bytes, int matched, Optional<String> next) {}

  /** From index {@code from} on, oldest first; their heap bytes. */
  static Page oldestFirst(List<SentEmail> kept, int from, int limit, long maxBytes) {
    long bytes = 0;
    int next = from;
    while (next < kept.size() && next - from < limit) {
      long size = kept.get(next).email().heapBytes();
      if (next > from && bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      next++;
    }
    return new Page(
        kept.subList(from, next),
        bytes,
        next - from,
        next < kept.size() ? Optional.of(kept.get(next - 1).messageId()) : Optional.empty());
  }

  /** Newest first, those matching {@code search}; the bytes of their summaries. */
  static Page newestFirst(List<SentEmail> kept, String search, int limit, long maxBytes) {
    List<SentEmail> shown = new ArrayList<>();
    long bytes = 0;
    boolean full = false; // the newest that fit, without a gap
    int matched = 0;
    for (int i = kept.size() - 1; i >= 0; i--) {
      SentEmail sent = kept.get(i);
      if (!OutboxJson.matches(sent.email(), search)) {
        continue;
      }
      matched++;
      long size = OutboxJson.summaryBytes(sent.email());
      full |= shown.size() == limit || (!shown.isEmpty() && bytes + size > maxBytes);
      if (!full) {
        shown.add(sent);
        bytes += size;
      }
    }
    return new Page(shown, bytes, matched, Optional.empty());
  }

  /** Where the email {@code messageId} is among {@code kept}; -1 when it is not. */
  static int indexOf(List<SentEmail> kept, String messageId) {
    for (int i = 0; i < kept.size(); i++) {
      if (kept.get(i).messageId().equals(messageId)) {
        return i;
      }
    }
    return -1;
  }
}
