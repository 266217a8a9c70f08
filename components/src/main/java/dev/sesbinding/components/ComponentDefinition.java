package dev.sesbinding.components;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    public boolean isSecretRef() {
      return !secretName.isEmpty();
    }

    public boolean isEnvRef() {
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

  /** Gives the value of a {@code secretKeyRef} item, or fails naming {@code where} and why. */
  @FunctionalInterface
  public interface SecretRefs {
    String value(ComponentDefinition component, MetadataItem item, String where);
  }

  /**
   * Its metadata with every item resolved: a {@code value} as written, an {@code envRef} from
   * {@code env} (one not set is an error naming the component, the key and the variable: never an
   * empty value sent on), a {@code secretKeyRef} by {@code secrets}.
   */
  public Map<String, String> resolve(Map<String, String> env, SecretRefs secrets) {
    Map<String, String> values = new LinkedHashMap<>();
    for (MetadataItem item : metadata) {
      String where = "component " + name + ": metadata key " + item.name() + ": ";
      if (item.isSecretRef()) {
        values.put(item.name(), secrets.value(this, item, where));
      } else if (item.isEnvRef()) {
        String value = env.get(item.envRef());
        if (value == null) {
          throw new ComponentException(
              where + "envRef " + item.envRef() + " is not set in the environment");
        }
        values.put(item.name(), value);
      } else {
        values.put(item.name(), item.value());
      }
    }
    return values;
  }

  public String label() {
    return name + " (" + type + "/" + version + ", " + source + ")";
  }
}
