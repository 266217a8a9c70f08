package dev.sesbinding.core.ses;

import dev.sesbinding.core.email.BulkEmail;
import dev.sesbinding.core.email.BulkStatus;
import dev.sesbinding.core.email.Email;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where a validated email goes: SES, the outbox, or your own. The one seam of the SES binding.
 * {@code send} completes with the message id, or fails with a {@link
 * dev.sesbinding.core.BindingException} whose kind says who can fix it.
 */
public interface EmailTransport extends AutoCloseable {

  CompletionStage<String> send(Email email);

  /**
   * Sends one template to each destination, answering each destination's status in order. By
   * default each destination goes by {@link #send} as an email of its own ({@link
   * BulkEmail#asEmails}), all at once; SES's transport sends them in one {@code
   * SendBulkTemplatedEmail}. Completing the returned stage first cancels what is not yet sent.
   */
  default CompletionStage<List<BulkStatus>> sendBulk(BulkEmail bulk) {
    return BulkFanOut.send(this, bulk);
  }

  /** Releases what the transport opened; idempotent. */
  @Override
  default void close() {}
}
