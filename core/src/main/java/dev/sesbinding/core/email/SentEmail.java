package dev.sesbinding.core.email;

import java.time.Instant;
import java.util.Objects;

/**
 * An email the outbox kept instead of sending it: its message id, when, and the email as it would
 * have gone out.
 */
public record SentEmail(String messageId, Instant sentAt, Email email) {

  public SentEmail {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(email, "email");
  }
}
