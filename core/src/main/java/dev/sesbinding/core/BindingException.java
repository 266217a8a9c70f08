package dev.sesbinding.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A binding operation that failed, with a {@link Kind} that says who can fix it, so adapters map it
 * to a status without parsing the message. The message never holds a secret or a stack trace.
 */
public class BindingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Who can fix the failure. */
  public enum Kind {
    /**
     * The caller's request or the component's configuration is invalid; retrying it unchanged fails
     * again.
     */
    CALLER,
    /**
     * The email service refused the message (unverified sender, paused account, ...); retrying does
     * not help.
     */
    REJECTED,
    /** The email service is throttling (rate or daily quota); retry later. */
    THROTTLED,
    /** The email service could not be reached or failed (network error, 5xx) after the retries. */
    UNAVAILABLE,
    /** No answer within the time allowed. */
    TIMEOUT,
    /**
     * The component could not be initialised: its metadata, its credentials or its account. Fix the
     * component and initialise it again; no call can succeed until then.
     */
    INIT
  }

  private final Kind kind;
  private final Duration retryAfter;
  private final ServiceError serviceError;

  public BindingException(Kind kind, String message) {
    this(kind, message, null);
  }

  public BindingException(Kind kind, String message, Throwable cause) {
    this(kind, message, cause, null);
  }

  /** With a hint of when a retry may succeed, for {@code THROTTLED} and {@code UNAVAILABLE}. */
  public BindingException(Kind kind, String message, Throwable cause, Duration retryAfter) {
    this(kind, message, cause, retryAfter, null);
  }

  /** With what the email service said of the failure (its code and request id). */
  public BindingException(
      Kind kind, String message, Throwable cause, Duration retryAfter, ServiceError serviceError) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.retryAfter = retryAfter;
    this.serviceError = serviceError;
  }

  public Kind kind() {
    return kind;
  }

  /** When a retry may succeed, if the failure says. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The email service's error code and request id, where the service answered. */
  public Optional<ServiceError> serviceError() {
    return Optional.ofNullable(serviceError);
  }

  /** Names the kind, which logs need; {@link #getMessage()} stays the text the caller sees. */
  @SuppressWarnings("OverrideThrowableToString")
  @Override
  public String toString() {
    return "BindingException[" + kind + "]: " + getMessage();
  }
}
