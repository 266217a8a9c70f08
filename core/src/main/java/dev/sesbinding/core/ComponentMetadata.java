package dev.sesbinding.core;

import java.util.Map;
import java.util.Objects;

/**
 * A Dapr component as declared: its name, type ({@code bindings.aws.ses}), version ({@code v1}) and
 * metadata.
 */
public record ComponentMetadata(String name, String type, String version, Metadata properties) {

  public ComponentMetadata {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(properties, "properties");
  }

  /**
   * A component from plain metadata.
   *
   * @throws BindingException of kind {@code CALLER} when two metadata keys differ only in case
   */
  public static ComponentMetadata of(
      String name, String type, String version, Map<String, String> properties) {
    return new ComponentMetadata(name, type, version, Metadata.of(properties));
  }
}
