package dev.sesbinding.server;

import java.util.Locale;

/** How the server's bindings call SES ({@code --ses-client}). */
public enum SesClientKind {
  /** The AWS SDK's {@code SesAsyncClient}, on its own Netty event loops. */
  SDK,
  /** SES's Query protocol over Vert.x's HTTP client, on the server's own event loops. */
  VERTX;

  static SesClientKind of(String value) throws UsageException {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "sdk" -> SDK;
      case "vertx" -> VERTX;
      default -> throw FlagValues.invalid(Flag.SES_CLIENT, value, "is not sdk or vertx");
    };
  }
}
