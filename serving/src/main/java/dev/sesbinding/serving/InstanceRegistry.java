package dev.sesbinding.serving;

import dev.sesbinding.core.OutputBinding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The component instances daprd initialised on a socket, by instance name: {@code Init} puts one
 * (replacing the one before), calls find it here. A name never initialised is {@link
 * ErrorCase#NOT_INITIALISED}. Thread-safe; it owns its instances: {@link #closeAll()} closes them.
 */
public final class InstanceRegistry implements BindingSource {
  private final Map<String, OutputBinding> instances = new ConcurrentHashMap<>();

  @Override
  public Optional<OutputBinding> find(String name) {
    return Optional.ofNullable(instances.get(name));
  }

  @Override
  public Refusal notFound(String name) {
    return Refusal.invoking(
        ErrorCase.NOT_INITIALISED,
        shown(name),
        "the component instance is not initialised (daprd calls Init first)");
  }

  /** Makes {@code binding} instance {@code name}; the instance it replaces, if any, to close. */
  public Optional<OutputBinding> put(String name, OutputBinding binding) {
    return Optional.ofNullable(instances.put(name, binding));
  }

  /** Removes instance {@code name} if it is still {@code binding}; whether it was. */
  public boolean remove(String name, OutputBinding binding) {
    return instances.remove(name, binding);
  }

  /** Removes and closes every instance. */
  public void closeAll() {
    for (String name : List.copyOf(instances.keySet())) {
      OutputBinding binding = instances.remove(name);
      if (binding != null) {
        binding.close();
      }
    }
  }

  /** How many instances are initialised now. */
  public int size() {
    return instances.size();
  }

  /** An instance's name as messages show it: daprd may name none. */
  public static String shown(String name) {
    return name.isEmpty() ? "(unnamed)" : name;
  }
}
