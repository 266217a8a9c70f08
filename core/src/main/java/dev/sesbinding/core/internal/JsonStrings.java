package dev.sesbinding.core.internal;

/**
 * JSON string literals as Go's {@code encoding/json} writes them (Dapr's runtime is Go). Internal:
 * not API, may change without notice.
 */
public final class JsonStrings {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonStrings() {}

  /**
   * A JSON string literal of {@code text}; lone surrogates become U+FFFD, as Go writes invalid
   * UTF-8.
   */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2);
    quote(text, false, out);
    return out.toString();
  }

  /**
   * Appends {@code text} as a JSON string literal; with {@code escapeHtml}, also {@code <}, {@code
   * >}, {@code &}, U+2028 and U+2029 as six-character unicode escapes, exactly as Go's {@code
   * json.Marshal} does.
   */
  public static void quote(String text, boolean escapeHtml, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> {
          if (escapeHtml) {
            unicode(c, out);
          } else {
            out.append(c);
          }
        }
        default -> {
          if (c < 0x20) {
            unicode(c, out);
          } else if (Character.isSurrogate(c) && !isPairedSurrogate(text, i)) {
            out.append("\\ufffd");
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void unicode(char c, StringBuilder out) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }

  private static boolean isPairedSurrogate(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }
}
