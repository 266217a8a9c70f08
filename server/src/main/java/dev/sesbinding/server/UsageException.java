package dev.sesbinding.server;

/** A flag or environment value the server cannot use; the message names it. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
