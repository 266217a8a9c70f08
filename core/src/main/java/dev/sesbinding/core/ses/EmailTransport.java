package dev.sesbinding.core.ses;

import dev.sesbinding.core.email.Email;
import java.util.concurrent.CompletionStage;

/**
 * Where a validated email goes: SES, the outbox, or your own. The one seam of the SES binding.
 * {@code send} completes with the message id, or fails with a {@link
 * dev.sesbinding.core.BindingException} whose kind says who can fix it.
 */
public interface EmailTransport extends AutoCloseable {

  CompletionStage<String> send(Email email);

  /** Releases what the transport opened; idempotent. */
  @Override
  default void close() {}
}
