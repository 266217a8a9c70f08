package dev.sesbinding.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The initialised output bindings a server serves, by name, and every component it knows (bindings,
 * and others such as secret stores), for whichever adapters serve them: HTTP, gRPC, a pluggable
 * component. The registry owns its bindings: {@link #close()} closes each of them exactly once.
 */
public final class BindingRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BindingRegistry.class);

  private final Map<String, RegisteredBinding> byName;
  private final List<ComponentInfo> components;
  private final AtomicBoolean closed = new AtomicBoolean();

  private BindingRegistry(Map<String, RegisteredBinding> byName, List<ComponentInfo> components) {
    this.byName = byName;
    this.components = components;
  }

  /**
   * A registry of {@code bindings}, which it now owns, and of {@code otherComponents} that are not
   * bindings (listed only). Fails when two bindings share a name.
   */
  public static BindingRegistry of(
      List<RegisteredBinding> bindings, List<ComponentInfo> otherComponents) {
    Map<String, RegisteredBinding> byName = new LinkedHashMap<>();
    List<ComponentInfo> components = new ArrayList<>();
    for (RegisteredBinding binding : bindings) {
      if (byName.putIfAbsent(binding.name(), binding) != null) {
        throw new IllegalArgumentException("two bindings are named " + binding.name());
      }
      components.add(binding.component());
    }
    components.addAll(otherComponents);
    return new BindingRegistry(Map.copyOf(byName), List.copyOf(components));
  }

  /** The binding named {@code name}, if there is one. */
  public Optional<RegisteredBinding> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Every component, bindings first, as a server lists them. */
  public List<ComponentInfo> components() {
    return components;
  }

  /** How many bindings it serves. */
  public int size() {
    return byName.size();
  }

  /**
   * Closes every binding, each exactly once however often this is called; one that fails to close
   * is logged.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (RegisteredBinding binding : byName.values()) {
      try {
        binding.binding().close();
      } catch (RuntimeException e) {
        LOG.warn("binding {} did not close cleanly: {}", binding.name(), e.toString());
      }
    }
  }
}
