package dev.sesbinding.core.internal;

import java.nio.charset.StandardCharsets;

/** UTF-8 as Go's {@code unicode/utf8} reads and writes it, for {@link GoUnquote}. */
final class GoUtf8 {
  static final int RUNE_ERROR = 0xFFFD;
  static final int RUNE_SELF = 0x80;
  static final int MAX_RUNE = 0x10FFFF;

  private GoUtf8() {}

  static boolean isValidRune(long r) {
    return r >= 0 && r <= MAX_RUNE && !(r >= 0xD800 && r <= 0xDFFF);
  }

  /** UTF-8 encoding of a valid rune (Go's {@code utf8.AppendRune}). */
  static void appendRune(Bytes out, int rune) {
    if (rune < 0x80) {
      out.write(rune);
    } else if (rune < 0x800) {
      out.write(0xC0 | (rune >> 6));
      out.write(0x80 | (rune & 0x3F));
    } else if (rune < 0x10000) {
      out.write(0xE0 | (rune >> 12));
      out.write(0x80 | ((rune >> 6) & 0x3F));
      out.write(0x80 | (rune & 0x3F));
    } else {
      out.write(0xF0 | (rune >> 18));
      out.write(0x80 | ((rune >> 12) & 0x3F));
      out.write(0x80 | ((rune >> 6) & 0x3F));
      out.write(0x80 | (rune & 0x3F));
    }
  }

  /**
   * Go's {@code utf8.DecodeRune}: the rune at {@code i} and its size, packed as {@code rune << 8 |
   * size}; an invalid sequence is {@code (RuneError, 1)}.
   */
  static long decodeRune(byte[] in, int i, int end) {
    int b0 = in[i] & 0xff;
    if (b0 < RUNE_SELF) {
      return (long) b0 << 8 | 1;
    }
    int size;
    int rune;
    int min;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      size = 2;
      rune = b0 & 0x1F;
      min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      size = 3;
      rune = b0 & 0x0F;
      min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      size = 4;
      rune = b0 & 0x07;
      min = 0x10000;
    } else {
      return (long) RUNE_ERROR << 8 | 1;
    }
    if (end - i < size) {
      return (long) RUNE_ERROR << 8 | 1;
    }
    for (int j = 1; j < size; j++) {
      int b = in[i + j] & 0xff;
      if ((b & 0xC0) != 0x80) {
        return (long) RUNE_ERROR << 8 | 1;
      }
      rune = rune << 6 | (b & 0x3F);
    }
    if (rune < min || !isValidRune(rune)) {
      return (long) RUNE_ERROR << 8 | 1;
    }
    return (long) rune << 8 | size;
  }

  /**
   * Decodes bytes as Go's {@code for range} does: every invalid byte becomes U+FFFD. Valid UTF-8
   * (nearly always) takes the JDK's own decoder.
   */
  static String decodeUtf8(byte[] bytes, int length) {
    int i = 0;
    while (i < length) {
      long decoded = decodeRune(bytes, i, length);
      if ((int) (decoded >> 8) == RUNE_ERROR && (decoded & 0xff) == 1) {
        return decodeInvalidUtf8(bytes, length);
      }
      i += (int) (decoded & 0xff);
    }
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  static String decodeInvalidUtf8(byte[] bytes, int length) {
    StringBuilder out = new StringBuilder(length);
    int i = 0;
    while (i < length) {
      long decoded = decodeRune(bytes, i, length);
      out.appendCodePoint((int) (decoded >> 8));
      i += (int) (decoded & 0xff);
    }
    return out.toString();
  }
}
