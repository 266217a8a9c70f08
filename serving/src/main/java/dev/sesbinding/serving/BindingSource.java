package dev.sesbinding.serving;

import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.core.OutputBinding;
import java.util.Optional;

/**
 * Where the {@link InvocationPipeline} finds the binding a call names: a server's {@link
 * BindingRegistry}, or the instances daprd initialised on a component socket ({@link
 * InstanceRegistry}). A call holds its binding through a {@link Lease} until it ends, so that a
 * binding replaced meanwhile is closed only once its calls are done. Each source says what a call
 * for a name it does not serve gets.
 */
public interface BindingSource {

  /** The binding serving {@code name} now, held for one call until the lease is released. */
  Optional<Lease> acquire(String name);

  /** The answer to a call for {@code name} when {@link #acquire} has none. */
  Refusal notFound(String name);

  /** A binding held for one call; released exactly once, when the call ends. */
  interface Lease {
    OutputBinding binding();

    void release();
  }

  /**
   * A server's bindings, which its registry owns and closes once every way in has stopped: a name
   * it does not serve is {@link ErrorCase#BINDING_NOT_FOUND}.
   */
  static BindingSource of(BindingRegistry registry) {
    return new BindingSource() {
      @Override
      public Optional<Lease> acquire(String name) {
        return registry
            .get(name)
            .map(
                registered ->
                    new Lease() {
                      @Override
                      public OutputBinding binding() {
                        return registered.binding();
                      }

                      @Override
                      public void release() {}
                    });
      }

      @Override
      public Refusal notFound(String name) {
        return Refusal.invoking(
            ErrorCase.BINDING_NOT_FOUND, name, "couldn't find output binding " + name);
      }
    };
  }
}
