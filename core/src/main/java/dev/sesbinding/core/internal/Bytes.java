package dev.sesbinding.core.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array without the locking of {@code ByteArrayOutputStream} (this is the hot
 * path).
 */
final class Bytes {
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

  /** The bytes written, shared rather than copied. */
  ByteBuffer bytes() {
    return ByteBuffer.wrap(array, 0, length);
  }

  /** The bytes as Go ranges over them: each invalid UTF-8 byte is U+FFFD. */
  String text() {
    // ASCII only (most bodies): every byte is its own char, and there is nothing to validate.
    return isAscii()
        ? new String(array, 0, length, StandardCharsets.ISO_8859_1)
        : GoUtf8.decodeUtf8(array, length);
  }
}
