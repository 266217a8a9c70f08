package dev.sesbinding.conformance;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The conformance runs of several targets as one Markdown table: a row per case, a column each. */
final class CompatibilityTable {
  private CompatibilityTable() {}

  /** {@code outcomes} in the order of {@code targets}: each target's case outcomes by case name. */
  static String of(Collection<String> targets, List<Map<String, String>> outcomes) {
    Set<String> cases = new LinkedHashSet<>();
    outcomes.forEach(run -> cases.addAll(run.keySet()));
    StringBuilder table = new StringBuilder("| case |");
    targets.forEach(target -> table.append(' ').append(target).append(" |"));
    table.append("\n|---|");
    targets.forEach(target -> table.append("---|"));
    table.append('\n');
    for (String name : cases) {
      table.append("| `").append(name).append("` |");
      for (Map<String, String> run : outcomes) {
        table.append(' ').append(shown(run.getOrDefault(name, "not run"))).append(" |");
      }
      table.append('\n');
    }
    return table.toString();
  }

  private static String shown(String outcome) {
    return switch (outcome) {
      case "PASS" -> "pass";
      case "SKIP" -> "skip";
      case "NOT OFFERED" -> "not offered";
      case "FAIL" -> "**FAIL**";
      default -> outcome;
    };
  }
}
