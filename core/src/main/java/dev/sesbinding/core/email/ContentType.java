package dev.sesbinding.core.email;

import java.util.Locale;

/** The body's type: HTML (the default, as Dapr) or plain text. */
public enum ContentType {
  HTML("text/html"),
  TEXT("text/plain");

  private final String mimeType;

  ContentType(String mimeType) {
    this.mimeType = mimeType;
  }

  public String mimeType() {
    return mimeType;
  }

  public static ContentType parse(String value) {
    if (value.isBlank()) {
      return HTML;
    }
    String mime = value.strip().toLowerCase(Locale.ROOT);
    for (ContentType type : values()) {
      if (type.mimeType.equals(mime)) {
        return type;
      }
    }
    throw new InvalidField(
        "contentType", value, "is not supported: use text/html (the default) or text/plain");
  }
}
