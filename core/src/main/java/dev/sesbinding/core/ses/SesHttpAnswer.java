package dev.sesbinding.core.ses;

/**
 * What SES answered one {@link SesHttpClient#post}: the HTTP status and the whole body (the client
 * bounds its size). Built only by {@link #of}, which takes the body's bytes as they are.
 */
public final class SesHttpAnswer {
  private final int status;
  private final byte[] body;

  private SesHttpAnswer(int status, byte[] body) {
    this.status = status;
    this.body = body;
  }

  /**
   * The answer with {@code status} (100 to 599) and {@code body}, which the answer now owns: the
   * caller must not change it.
   */
  public static SesHttpAnswer of(int status, byte[] body) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("HTTP status out of range: " + status);
    }
    if (body == null) {
      throw new IllegalArgumentException("body is null");
    }
    return new SesHttpAnswer(status, body);
  }

  public int status() {
    return status;
  }

  byte[] body() {
    return body;
  }

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  @Override
  public String toString() {
    return "SesHttpAnswer[status=" + status + ", " + body.length + " bytes]";
  }
}
