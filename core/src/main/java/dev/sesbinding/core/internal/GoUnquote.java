package dev.sesbinding.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A faithful port of Go's {@code strconv.Unquote}, which Dapr's SES binding applies to the request
 * data: the input must be one Go string literal ({@code "..."} with Go escapes, {@code `...`} raw,
 * or {@code '.'} one character). Works on bytes, as Go does; the result is decoded as Go would
 * range over it (each invalid UTF-8 byte becomes U+FFFD).
 */
public final class GoUnquote {
  private static final int RUNE_ERROR = 0xFFFD;
  private static final int RUNE_SELF = 0x80;
  private static final int MAX_RUNE = 0x10FFFF;

  private GoUnquote() {}

  /** The unquoted text, or empty when Go would return {@code strconv.ErrSyntax}. */
  public static Optional<String> unquote(byte[] in) {
    Bytes out = unquoteBytes(in);
    if (out == null) {
      return Optional.empty();
    }
    // ASCII only (most bodies): every byte is its own char, and there is nothing to validate.
    return Optional.of(
        out.isAscii()
            ? new String(out.array, 0, out.length, StandardCharsets.ISO_8859_1)
            : decodeUtf8(out.array, out.length));
  }

  /**
   * A growable byte array without the locking of {@code ByteArrayOutputStream} (this is the hot
   * path).
   */
  private static final class Bytes {
    private byte[] array;
    private int length;
    private int bitsSeen;

    Bytes(int capacity) {
      array = new byte[Math.max(16, capacity)];
    }

    void write(int b) {
      if (length == array.length) {
        array = Arrays.copyOf(array, array.length * 2);
      }
      array[length++] = (byte) b;
      bitsSeen |= b;
    }

    /** Copies {@code in[from..to)}, which the caller knows to be ASCII. */
    void writeAscii(byte[] in, int from, int to) {
      int count = to - from;
      if (length + count > array.length) {
        array = Arrays.copyOf(array, Math.max(array.length * 2, length + count));
      }
      System.arraycopy(in, from, array, length, count);
      length += count;
    }

    boolean isAscii() {
      return (bitsSeen & 0x80) == 0;
    }
  }

  private static Bytes unquoteBytes(byte[] in) {
    int n = in.length;
    if (n < 2) {
      return null;
    }
    byte quote = in[0];
    if (quote != '"' && quote != '\'' && quote != '`') {
      return null;
    }
    if (in[n - 1] != quote) {
      return null;
    }
    if (quote == '`') {
      return rawString(in);
    }
    return quoted(in, quote);
  }

  private static Bytes rawString(byte[] in) {
    Bytes out = new Bytes(in.length);
    for (int i = 1; i < in.length - 1; i++) {
      if (in[i] == '`') {
        return null; // the literal ends before the input does
      }
      if (in[i] != '\r') {
        out.write(in[i]);
      }
    }
    return out;
  }

  private static Bytes quoted(byte[] in, byte quote) {
    Bytes out = new Bytes(in.length);
    int end = in.length - 1; // index of the closing quote
    int i = 1;
    int characters = 0;
    while (i < end) {
      int plain = i;
      while (plain < end && in[plain] >= 0x20 && in[plain] != '\\' && in[plain] != quote) {
        plain++; // printable ASCII (bytes are signed: 0x80 and up are negative), copied as a run
      }
      if (plain > i) {
        out.writeAscii(in, i, plain);
        characters += plain - i;
        i = plain;
        continue;
      }
      if (in[i] == '\n' || in[i] == quote) {
        return null;
      }
      int next = unquoteChar(in, i, end, quote, out);
      if (next < 0) {
        return null;
      }
      i = next;
      characters++;
    }
    if (quote == '\'' && characters != 1) {
      return null;
    }
    return out;
  }

  /**
   * Decodes one character or escape at {@code i} into {@code out}; returns the index after it, or
   * -1.
   */
  private static int unquoteChar(byte[] in, int i, int end, byte quote, Bytes out) {
    int c = in[i] & 0xff;
    if (c >= RUNE_SELF) {
      long decoded = decodeRune(in, i, end);
      appendRune(out, (int) (decoded >> 8));
      return i + (int) (decoded & 0xff);
    }
    if (c != '\\') {
      out.write(c);
      return i + 1;
    }
    if (i + 1 >= end) {
      return -1;
    }
    int escape = in[i + 1] & 0xff;
    int rest = i + 2;
    switch (escape) {
      case 'a' -> out.write(0x07);
      case 'b' -> out.write('\b');
      case 'f' -> out.write('\f');
      case 'n' -> out.write('\n');
      case 'r' -> out.write('\r');
      case 't' -> out.write('\t');
      case 'v' -> out.write(0x0B);
      case '\\' -> out.write('\\');
      case '\'', '"' -> {
        if (escape != quote) {
          return -1;
        }
        out.write(escape);
      }
      case 'x', 'u', 'U' -> {
        int digits = escape == 'x' ? 2 : escape == 'u' ? 4 : 8;
        if (end - rest < digits) {
          return -1;
        }
        long value = 0;
        for (int j = 0; j < digits; j++) {
          int hex = Character.digit(in[rest + j], 16);
          if (hex < 0) {
            return -1;
          }
          value = value << 4 | hex;
        }
        rest += digits;
        if (escape == 'x') {
          out.write((int) value); // a single byte, possibly not UTF-8
        } else if (!isValidRune(value)) {
          return -1;
        } else {
          appendRune(out, (int) value);
        }
      }
      case '0', '1', '2', '3', '4', '5', '6', '7' -> {
        if (end - rest < 2) {
          return -1;
        }
        int value = escape - '0';
        for (int j = 0; j < 2; j++) {
          int digit = in[rest + j] - '0';
          if (digit < 0 || digit > 7) {
            return -1;
          }
          value = value << 3 | digit;
        }
        if (value > 255) {
          return -1;
        }
        rest += 2;
        out.write(value);
      }
      default -> {
        return -1;
      }
    }
    return rest;
  }

  private static boolean isValidRune(long r) {
    return r >= 0 && r <= MAX_RUNE && !(r >= 0xD800 && r <= 0xDFFF);
  }

  /** UTF-8 encoding of a valid rune (Go's {@code utf8.AppendRune}). */
  private static void appendRune(Bytes out, int rune) {
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

  private static String decodeInvalidUtf8(byte[] bytes, int length) {
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
