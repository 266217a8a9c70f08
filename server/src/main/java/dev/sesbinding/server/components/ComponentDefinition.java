package dev.sesbinding.server.components;

import java.util.List;
import java.util.Objects;

/** A Dapr {@code Component} document as written: metadata items not yet resolved. */
public record ComponentDefinition(
    String name,
    String type,
    String version,
    List<MetadataItem> metadata,
    String secretStore,
    String source) {

  public ComponentDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(version, "version");
    metadata = List.copyOf(metadata);
    Objects.requireNonNull(secretStore, "secretStore");
    Objects.requireNonNull(source, "source");
  }

  /**
   * One {@code spec.metadata} item: a plain {@code value}, a reference into a secret store (its
   * {@code secretName} and {@code secretKey}) or an {@code envRef}; the unused parts are empty.
   */
  public record MetadataItem(
      String name, String value, String secretName, String secretKey, String envRef) {
    boolean isSecretRef() {
      return !secretName.isEmpty();
    }

    boolean isEnvRef() {
      return !envRef.isEmpty();
    }

    @Override
    public String toString() {
      return "MetadataItem["
          + name
          + (isSecretRef() ? " from secret " + secretName : isEnvRef() ? " from env " + envRef : "")
          + "]";
    }
  }

  public String label() {
    return name + " (" + type + "/" + version + ", " + source + ")";
  }
}
