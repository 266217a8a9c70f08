package dev.sesbinding.core.email;

import java.util.Objects;

/**
 * What became of one destination of a {@link BulkEmail}: {@code Success} with its SES message id,
 * or SES's status for it ({@code MessageRejected}, {@code AccountThrottled}, ...) with SES's error
 * text; where SES was not asked (the outbox, pacing), the failure's kind ({@code THROTTLED}, ...).
 */
public record BulkStatus(String status, String messageId, String error) {
  public static final String SUCCESS = "Success";

  public BulkStatus {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(error, "error");
  }

  /** Sent, with this message id. */
  public static BulkStatus sent(String messageId) {
    return new BulkStatus(SUCCESS, messageId, "");
  }

  /** Whether SES took the email for this destination. */
  public boolean isSent() {
    return SUCCESS.equals(status);
  }
}
