package dev.sesbinding.server;

import dev.sesbinding.core.internal.Sizes;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a flag's value is read: whole numbers in a range, sizes (the one grammar, {@link Sizes}),
 * durations, a component name, a path with {@code ~/}; a bad value fails naming the flag, its
 * variable and the value.
 */
final class FlagValues {
  /** A pluggable component's name: what daprd's component type and a file name can hold. */
  private static final Pattern COMPONENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  private static final Pattern TIME = Pattern.compile("(\\d+)\\s*(ms|s|m|)");

  private FlagValues() {}

  static int intIn(Flag flag, String value, int min, int max) throws UsageException {
    try {
      int number = Integer.parseInt(value.strip());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(flag, value, "is not a whole number from " + min + " to " + max);
  }

  /** The one shape of a bad value's message: the flag, its variable, the value, the problem. */
  static UsageException invalid(Flag flag, String value, String problem) {
    return new UsageException(flag.flag() + " (" + flag.env() + "): \"" + value + "\" " + problem);
  }

  static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /** The pluggable component's name, or empty for {@code none}. */
  static String componentName(String value) throws UsageException {
    String name = value.strip();
    if (name.equalsIgnoreCase("none")) {
      return "";
    }
    if (!COMPONENT_NAME.matcher(name).matches()) {
      throw invalid(
          Flag.PLUGGABLE,
          value,
          "is not a component name: letters, digits, '.', '_' and '-', at most 63, such as"
              + " ses-binding");
    }
    return name;
  }

  /** A log level as daprd names them: debug, info, warn or error. */
  static String logLevel(String value) throws UsageException {
    String level = value.strip().toLowerCase(Locale.ROOT);
    if (List.of("debug", "info", "warn", "error").contains(level)) {
      return level;
    }
    throw invalid(Flag.LOG_LEVEL, value, "is not debug, info, warn or error");
  }

  /** {@code true} or {@code false}, as daprd's boolean flags. */
  static boolean bool(Flag flag, String value) throws UsageException {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(flag, value, "is not true or false");
    };
  }

  /** Whether a flag that names a folder was left off ({@code none}, or empty). */
  static boolean isNone(String value) {
    return value.isBlank() || value.strip().equalsIgnoreCase("none");
  }

  static boolean isAuto(String value) {
    return value.strip().equalsIgnoreCase("auto");
  }

  static long size(Flag flag, String value) throws UsageException {
    OptionalLong bytes = Sizes.parse(value);
    if (bytes.isPresent() && bytes.getAsLong() >= 1 && bytes.getAsLong() <= Integer.MAX_VALUE) {
      return bytes.getAsLong();
    }
    throw invalid(flag, value, "is not a size from 1 byte to 2Gi, such as 4Mi, 512Ki or 1048576");
  }

  static Duration duration(Flag flag, String value) throws UsageException {
    Matcher matcher = TIME.matcher(value.strip().toLowerCase(Locale.ROOT));
    if (matcher.matches()) {
      long number = Long.parseLong(matcher.group(1));
      Duration duration =
          switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(number);
            case "m" -> Duration.ofMinutes(number);
            default -> Duration.ofSeconds(number);
          };
      if (!duration.isZero()) {
        return duration;
      }
    }
    throw invalid(flag, value, "is not a positive duration, such as 20s or 1500ms");
  }

  /** An octal file mode of read and write bits, such as {@code 0660}, as permissions. */
  static Set<PosixFilePermission> socketMode(String value) throws UsageException {
    String mode = value.strip();
    if (mode.matches("0?[0246]{3}")) {
      StringBuilder bits = new StringBuilder();
      for (char digit : mode.substring(mode.length() - 3).toCharArray()) {
        int d = digit - '0';
        bits.append((d & 4) != 0 ? 'r' : '-').append((d & 2) != 0 ? 'w' : '-').append('-');
      }
      Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(bits.toString());
      if (permissions.contains(PosixFilePermission.OWNER_WRITE)) {
        return permissions;
      }
    }
    throw invalid(
        Flag.SOCKET_MODE,
        value,
        "is not a socket mode the owner can connect with: octal read and write bits, such as 0660,"
            + " 0600 or 0666");
  }

  static Path expandHome(String path) {
    return path.startsWith("~/")
        ? Path.of(System.getProperty("user.home"), path.substring(2))
        : Path.of(path);
  }
}
