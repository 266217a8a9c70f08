package dev.sesbinding.core.email;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An SES message tag: a name and a value SES passes on to event publishing (per-campaign metrics,
 * CloudWatch dimensions). Both follow SES's rules: 1 to 255 ASCII letters, digits, '_' or '-'.
 */
public record MessageTag(String name, String value) {
  /** Tags per message, at most (SES's limit). */
  public static final int MAX_TAGS = 50;

  private static final Pattern SES_TAG = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  /**
   * @throws InvalidField naming {@code tags} when the name or the value breaks SES's rules
   */
  public MessageTag {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (!SES_TAG.matcher(name).matches()) {
      throw new InvalidField(
          "tags", name, "is not a valid tag name (1 to 255 ASCII letters, digits, '_' or '-')");
    }
    if (!SES_TAG.matcher(value).matches()) {
      throw new InvalidField(
          "tags",
          name + "=" + value,
          "has a value that is not valid (1 to 255 ASCII letters, digits, '_' or '-')");
    }
  }

  /**
   * Tags written as metadata writes them, {@code name=value;name=value} (spaces around each part
   * ignored, empty entries skipped).
   *
   * @throws InvalidField naming {@code tags}
   */
  public static List<MessageTag> parseList(String text) {
    List<MessageTag> tags = new ArrayList<>();
    for (String entry : text.split(";", -1)) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.indexOf('=');
      if (equals < 0) {
        throw new InvalidField("tags", entry, "is not name=value (tags are name=value;name=value)");
      }
      tags.add(
          new MessageTag(entry.substring(0, equals).strip(), entry.substring(equals + 1).strip()));
    }
    return checked(tags);
  }

  /** {@code tags}, when no name repeats and there are at most {@link #MAX_TAGS}. */
  static List<MessageTag> checked(List<MessageTag> tags) {
    if (tags.size() > MAX_TAGS) {
      throw new InvalidField(
          "tags", "has " + tags.size() + " tags; SES accepts at most " + MAX_TAGS + " per message");
    }
    Set<String> names = new HashSet<>();
    for (MessageTag tag : tags) {
      if (!names.add(tag.name())) {
        throw new InvalidField("tags", tag.name(), "is named twice; each tag name once");
      }
    }
    return List.copyOf(tags);
  }
}
