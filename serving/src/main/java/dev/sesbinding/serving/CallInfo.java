package dev.sesbinding.serving;

import java.util.Objects;

/**
 * What listeners learn of a call: how it came in, the component it named and the operation. Never
 * its data or metadata (addresses and bodies stay out of metrics and traces).
 */
public record CallInfo(WayIn wayIn, String component, String operation) {
  public CallInfo {
    Objects.requireNonNull(wayIn, "wayIn");
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(operation, "operation");
  }
}
