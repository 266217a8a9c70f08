package dev.sesbinding.auth;

/**
 * A credential or region setting that cannot work; {@link #key()} names the metadata key at fault.
 * Never holds a secret.
 */
public final class AwsAuthException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String key;

  AwsAuthException(String key, String message) {
    super(message);
    this.key = key;
  }

  AwsAuthException(String key, String message, Throwable cause) {
    super(message, cause);
    this.key = key;
  }

  /** The metadata key at fault, or an empty string when no single key is. */
  public String key() {
    return key;
  }
}
