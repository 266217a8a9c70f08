package dev.sesbinding.grpc;

import dev.sesbinding.core.OutputBinding;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Makes the binding of one component instance from the metadata daprd resolved for it (secrets
 * filled in): what the pluggable component calls on each {@code Init}.
 */
@FunctionalInterface
public interface ComponentInstances {

  /**
   * Initialises instance {@code name}'s binding; a configuration it refuses fails the stage with a
   * {@link dev.sesbinding.core.BindingException} naming the key, never a secret.
   */
  CompletionStage<? extends OutputBinding> init(String name, Map<String, String> properties);

  /**
   * The instances to initialise when the component starts, before daprd can connect, by name: those
   * a restarted component remembers, since daprd calls {@code Init} only when it loads a component.
   * None by default.
   */
  default Map<String, Map<String, String>> remembered() {
    return Map.of();
  }
}
