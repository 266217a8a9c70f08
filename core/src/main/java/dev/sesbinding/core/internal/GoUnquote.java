package dev.sesbinding.core.internal;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A faithful port of Go's {@code strconv.Unquote}, which Dapr's SES binding applies to the request
 * data: the input must be one Go string literal ({@code "..."} with Go escapes, {@code `...`} raw,
 * or {@code '.'} one character). Works on bytes, as Go does; the result is decoded as Go would
 * range over it (each invalid UTF-8 byte becomes U+FFFD).
 */
public final class GoUnquote {
  private GoUnquote() {}

  /** The unquoted text, or empty when Go would return {@code strconv.ErrSyntax}. */
  public static Optional<String> unquote(byte[] in) {
    Bytes out = unquoteBytes(in);
    if (out == null) {
      return Optional.empty();
    }
    return Optional.of(out.text());
  }

  /**
   * The unquoted bytes as Go's {@code strconv.Unquote} returns them (not decoded: invalid UTF-8
   * stays as it is), or empty when Go would return {@code strconv.ErrSyntax}.
   */
  public static Optional<ByteBuffer> unquoteToBytes(byte[] in) {
    Bytes out = unquoteBytes(in);
    return out == null ? Optional.empty() : Optional.of(out.bytes());
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
    if (c >= GoUtf8.RUNE_SELF) {
      long decoded = GoUtf8.decodeRune(in, i, end);
      GoUtf8.appendRune(out, (int) (decoded >> 8));
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
        } else if (!GoUtf8.isValidRune(value)) {
          return -1;
        } else {
          GoUtf8.appendRune(out, (int) value);
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
}
