package dev.sesbinding.core.email;

import java.time.Instant;
import java.util.Objects;

/**
 * An email the outbox kept instead of sending it: its message id, when, the email as it would have
 * gone out, and about how many bytes it would have been once encoded (what SES counts against its
 * 10 MB).
 */
public record SentEmail(String messageId, Instant sentAt, Email email, long size) {

  public SentEmail {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(email, "email");
    if (size < 0) {
      throw new IllegalArgumentException("size is negative: " + size);
    }
  }
}
