package dev.sesbinding.core;

import java.util.Objects;

/**
 * A component as a server lists it ({@code /v1.0/metadata}, gRPC {@code GetMetadata}): never a
 * metadata value.
 */
public record ComponentInfo(String name, String type, String version) {

  public ComponentInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(version, "version");
  }

  /** {@code name (type/version)}, as logs and error messages show a component. */
  public String label() {
    return name + " (" + type + "/" + version + ")";
  }
}
