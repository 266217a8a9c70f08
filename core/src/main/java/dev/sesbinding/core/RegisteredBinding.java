package dev.sesbinding.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An initialised output binding as adapters serve it: its component, the binding, and the optional
 * capabilities it offers beyond {@code invoke}, {@code ping} and {@code close} (such as an outbox
 * to read), looked up by type so that adapters need not know the binding's implementation.
 */
public record RegisteredBinding(
    ComponentInfo component, OutputBinding binding, List<Object> capabilities) {

  public RegisteredBinding {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(binding, "binding");
    capabilities = List.copyOf(capabilities);
  }

  /** A binding with the given capabilities (any number). */
  public static RegisteredBinding of(
      ComponentInfo component, OutputBinding binding, Object... capabilities) {
    return new RegisteredBinding(component, binding, List.of(capabilities));
  }

  public String name() {
    return component.name();
  }

  /** The first capability that is a {@code type}, if the binding offers one. */
  public <T> Optional<T> capability(Class<T> type) {
    return capabilities.stream().filter(type::isInstance).map(type::cast).findFirst();
  }
}
