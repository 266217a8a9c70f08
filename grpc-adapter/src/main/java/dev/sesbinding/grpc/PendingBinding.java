package dev.sesbinding.grpc;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A remembered instance while it initialises again: calls wait for its binding (never a thread),
 * then go to it; when it cannot be made, they fail as an instance daprd never initialised would.
 * Closing it closes the binding it makes, unless the registry took that binding over first.
 */
final class PendingBinding implements OutputBinding {
  private final CompletableFuture<OutputBinding> binding;
  private volatile boolean handedOver;

  PendingBinding(CompletableFuture<OutputBinding> binding) {
    this.binding = binding;
  }

  /** The binding it waits for took its place in the registry: closing this one leaves it. */
  void handOver() {
    handedOver = true;
  }

  @Override
  public Set<String> operations() {
    OutputBinding made = binding.getNow(null);
    return made == null ? Set.of() : made.operations();
  }

  @Override
  public CompletionStage<InvokeResponse> invoke(InvokeRequest request) {
    return binding
        .exceptionally(
            failure -> {
              throw new BindingException(
                  BindingException.Kind.UNAVAILABLE,
                  "the component instance could not be initialised again from what it"
                      + " remembered; daprd's next Init makes it");
            })
        .thenCompose(made -> made.invoke(request));
  }

  @Override
  @SuppressWarnings("FutureReturnValueIgnored") // closing once made, or never when never made
  public void close() {
    binding.thenAccept(
        made -> {
          if (!handedOver) {
            made.close();
          }
        });
  }
}
