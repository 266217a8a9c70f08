package dev.sesbinding.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds metadata keys that are unknown but one or two edits away from a known key: most likely
 * typos.
 */
public final class KeyTypos {
  private KeyTypos() {}

  /** One warning per unknown key that is close to a known one, naming both. */
  public static List<String> warnings(Collection<String> keys, Collection<String> knownKeys) {
    List<String> warnings = new ArrayList<>();
    for (String key : keys) {
      if (knownKeys.stream().noneMatch(known -> known.equalsIgnoreCase(key))) {
        closest(key, knownKeys)
            .ifPresent(
                known ->
                    warnings.add(
                        "metadata key \""
                            + key
                            + "\" is not known and is ignored; did you mean \""
                            + known
                            + "\"?"));
      }
    }
    return warnings;
  }

  private static Optional<String> closest(String key, Collection<String> knownKeys) {
    String lower = key.toLowerCase(Locale.ROOT);
    int allowed = lower.length() <= 5 ? 1 : 2;
    String best = null;
    int bestDistance = allowed + 1;
    for (String known : knownKeys) {
      int distance = distance(lower, known.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = known;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein distance, with a swap of two neighbours counting as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
