package dev.sesbinding.core.email;

/**
 * Which characters a mail header (a subject, a display name) must not carry: C0 controls but tab,
 * DEL, C1 controls (U+0080 to U+009F, NEL among them) and the Unicode line and paragraph
 * separators. Mail software may end a header line at any of them, or pass them on to a reader.
 */
public final class HeaderText {
  private HeaderText() {}

  /** The index of the first such character in {@code text}, or -1 when there is none. */
  public static int firstUnsafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029) {
        return i;
      }
    }
    return -1;
  }

  /** {@code U+XXXX}, as error messages name a character. */
  public static String codePoint(char c) {
    return String.format("U+%04X", (int) c);
  }
}
