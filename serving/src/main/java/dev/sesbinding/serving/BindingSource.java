package dev.sesbinding.serving;

import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.core.RegisteredBinding;
import java.util.Optional;

/**
 * Where the {@link InvocationPipeline} finds the binding a call names: a server's {@link
 * BindingRegistry}, or the instances daprd initialised on a component socket ({@link
 * InstanceRegistry}). Each says what a call for a name it does not serve gets.
 */
public interface BindingSource {

  /** The binding serving {@code name} now, if any. */
  Optional<OutputBinding> find(String name);

  /** The answer to a call for {@code name} when {@link #find} has none. */
  Refusal notFound(String name);

  /** A server's bindings: a name it does not serve is {@link ErrorCase#BINDING_NOT_FOUND}. */
  static BindingSource of(BindingRegistry registry) {
    return new BindingSource() {
      @Override
      public Optional<OutputBinding> find(String name) {
        return registry.get(name).map(RegisteredBinding::binding);
      }

      @Override
      public Refusal notFound(String name) {
        return Refusal.invoking(
            ErrorCase.BINDING_NOT_FOUND, name, "couldn't find output binding " + name);
      }
    };
  }
}
