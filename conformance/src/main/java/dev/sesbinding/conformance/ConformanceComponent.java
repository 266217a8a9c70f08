package dev.sesbinding.conformance;

import java.util.List;
import java.util.Map;

/**
 * One component under test, variables substituted: its name and YAML (for servers), its resolved
 * metadata (for the library), the operations to test, and the {@code output} metadata and {@code
 * outputData} that {@code create} sends.
 */
public record ConformanceComponent(
    String name,
    String type,
    String version,
    String yaml,
    Map<String, String> metadata,
    List<String> operations,
    Map<String, String> output,
    String outputData) {

  public ConformanceComponent {
    metadata = Map.copyOf(metadata);
    operations = List.copyOf(operations);
    output = Map.copyOf(output);
  }

  /** The component's metadata value for {@code key}, case-insensitively, or an empty string. */
  public String metadataValue(String key) {
    return metadata.entrySet().stream()
        .filter(entry -> entry.getKey().equalsIgnoreCase(key))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse("");
  }

  /** Only names and counts: the YAML and metadata may hold secrets. */
  @Override
  public String toString() {
    return "ConformanceComponent["
        + name
        + " ("
        + type
        + "/"
        + version
        + "), operations="
        + operations
        + "]";
  }
}
