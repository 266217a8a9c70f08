package dev.sesbinding.core;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Dapr metadata: an immutable string map whose keys match case-insensitively, as Dapr decodes them.
 * Two keys that differ only in case are rejected, naming both (Dapr silently drops the whole map
 * instead).
 */
public final class Metadata {
  private static final Metadata EMPTY = new Metadata(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

  private final Map<String, String> entries;

  private Metadata(Map<String, String> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  /**
   * Copies {@code map}; a {@code null} value counts as empty.
   *
   * @throws BindingException of kind {@code CALLER} when two keys differ only in case
   */
  public static Metadata of(Map<String, String> map) {
    TreeMap<String, String> entries = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> entry : map.entrySet()) {
      String key = entry.getKey();
      if (key == null) {
        throw new BindingException(BindingException.Kind.CALLER, "metadata has a null key");
      }
      if (entries.containsKey(key)) {
        String other = entries.ceilingKey(key);
        throw new BindingException(
            BindingException.Kind.CALLER,
            "metadata keys \""
                + other
                + "\" and \""
                + key
                + "\" differ only in case; keys match case-insensitively, so keep one of them");
      }
      entries.put(key, entry.getValue() == null ? "" : entry.getValue());
    }
    return new Metadata(entries);
  }

  public static Metadata empty() {
    return EMPTY;
  }

  /**
   * The value of {@code key}, else of the first alias present; a present key with an empty value is
   * returned as is.
   */
  public Optional<String> get(String key, String... aliases) {
    if (entries.containsKey(key)) {
      return Optional.of(entries.get(key));
    }
    for (String alias : aliases) {
      if (entries.containsKey(alias)) {
        return Optional.of(entries.get(alias));
      }
    }
    return Optional.empty();
  }

  public boolean contains(String key) {
    return entries.containsKey(key);
  }

  /** The keys, as given. */
  public Set<String> keys() {
    return entries.keySet();
  }

  /** An unmodifiable view whose lookups ignore case. */
  public Map<String, String> asMap() {
    return entries;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Metadata that && entries.equals(that.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  /** Keys only: values may be secrets. */
  @Override
  public String toString() {
    return "Metadata" + entries.keySet();
  }
}
