package dev.sesbinding.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one way this project's programs read their command line: {@code --flag value} and {@code
 * --flag=value}, in order, and switches (a value only after {@code =}, as Go's boolean flags). What
 * the flags mean is the program's.
 */
public final class Argv {
  private Argv() {}

  /** One flag as given: its name and its value (empty for a switch). */
  public record Option(String name, String value) {}

  /**
   * The options of {@code args}, in order: {@code valued} are the flags that take a value, {@code
   * switches} those that take none.
   *
   * @throws IllegalArgumentException naming a flag that is neither, or one that needs a value and
   *     has none
   */
  public static List<Option> parse(String[] args, Set<String> valued, Set<String> switches) {
    List<Option> options = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      if (!valued.contains(name) && !switches.contains(name)) {
        throw new IllegalArgumentException("unknown flag " + name + " (see --help)");
      }
      if (switches.contains(name)) {
        options.add(new Option(name, equals < 0 ? "" : arg.substring(equals + 1)));
      } else if (equals >= 0) {
        options.add(new Option(name, arg.substring(equals + 1)));
      } else if (i + 1 < args.length) {
        options.add(new Option(name, args[++i]));
      } else {
        throw new IllegalArgumentException(name + " needs a value");
      }
    }
    return options;
  }
}
