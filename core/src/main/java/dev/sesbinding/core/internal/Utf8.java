package dev.sesbinding.core.internal;

/** Whether bytes are well-formed UTF-8 (RFC 3629), checked in place, allocating nothing. */
public final class Utf8 {
  private Utf8() {}

  /**
   * True when {@code bytes} are well-formed UTF-8: no stray continuation byte, no overlong form, no
   * surrogate, nothing above U+10FFFF, no sequence cut short.
   */
  public static boolean isValid(byte[] bytes) {
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xff;
      if (b < 0x80) {
        i++;
        continue;
      }
      int length;
      int min;
      if (b >= 0xc2 && b <= 0xdf) {
        length = 2;
        min = 0x80;
      } else if (b >= 0xe0 && b <= 0xef) {
        length = 3;
        min = 0x800;
      } else if (b >= 0xf0 && b <= 0xf4) {
        length = 4;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + length > bytes.length) {
        return false;
      }
      int rune = b & (0x7f >> length);
      for (int k = 1; k < length; k++) {
        int next = bytes[i + k] & 0xff;
        if ((next & 0xc0) != 0x80) {
          return false;
        }
        rune = (rune << 6) | (next & 0x3f);
      }
      if (rune < min || rune > 0x10ffff || (rune >= 0xd800 && rune <= 0xdfff)) {
        return false;
      }
      i += length;
    }
    return true;
  }
}
