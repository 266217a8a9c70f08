package dev.sesbinding.core.internal;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar of a size in bytes, for flags and component metadata alike: a whole number,
 * optionally followed (any case, spaces allowed) by {@code b}, a decimal unit {@code k}/{@code kb},
 * {@code m}/{@code mb}, {@code g}/{@code gb}, or a binary one {@code Ki}, {@code Mi}, {@code Gi}.
 */
public final class Sizes {
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,19})\\s*(|b|k|ki|kb|m|mi|mb|g|gi|gb)");

  private Sizes() {}

  /** The bytes {@code text} says, or empty when it is not a size or does not fit a long. */
  public static OptionalLong parse(String text) {
    Matcher matcher = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      return OptionalLong.empty();
    }
    long factor =
        switch (matcher.group(2)) {
          case "k", "kb" -> 1_000L;
          case "ki" -> 1L << 10;
          case "m", "mb" -> 1_000_000L;
          case "mi" -> 1L << 20;
          case "g", "gb" -> 1_000_000_000L;
          case "gi" -> 1L << 30;
          default -> 1L;
        };
    try {
      return OptionalLong.of(Math.multiplyExact(Long.parseLong(matcher.group(1)), factor));
    } catch (ArithmeticException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** {@code bytes} as this grammar writes it: {@code 4Mi}, {@code 512Ki}, or a plain number. */
  public static String format(long bytes) {
    for (String unit : new String[] {"Gi", "Mi", "Ki"}) {
      int shift = unit.equals("Gi") ? 30 : unit.equals("Mi") ? 20 : 10;
      if (bytes != 0 && bytes % (1L << shift) == 0) {
        return (bytes >> shift) + unit;
      }
    }
    return Long.toString(bytes);
  }
}
