package dev.sesbinding.serving;

import java.time.Duration;
import java.util.Objects;

/**
 * A call that serving itself refuses with a row of the {@link ErrorCase} table rather than a
 * binding's kind (an idempotency key whose first send's outcome is unknown, a full key store): the
 * stage of a binding decorator fails with it, and {@link InvocationFailure} answers its row.
 */
public final class Refused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ErrorCase error;
  private final transient Duration retryAfter;

  /**
   * Refused as {@code error}, with {@code message} (no secret) and, for a row that says so, when.
   */
  public Refused(ErrorCase error, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.error = Objects.requireNonNull(error, "error");
    this.retryAfter = retryAfter;
  }

  public ErrorCase error() {
    return error;
  }

  /** When to retry, or null for the row's default. */
  Duration retryAfter() {
    return retryAfter;
  }
}
