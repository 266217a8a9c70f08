package dev.sesbinding.http;

import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.core.ComponentInfo;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.core.RegisteredBinding;
import dev.sesbinding.serving.ApiOptions;
import dev.sesbinding.serving.BindingSource;
import dev.sesbinding.serving.InvocationPipeline;
import dev.sesbinding.serving.ServingLimits;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * An output binding with operation {@code create} that answers every request with what {@code
 * answer} gives.
 */
final class ScriptedBinding implements OutputBinding {
  private final Supplier<CompletionStage<InvokeResponse>> answer;

  ScriptedBinding(Supplier<CompletionStage<InvokeResponse>> answer) {
    this.answer = answer;
  }

  /** A registry of {@code bindings} by name, each of type {@code bindings.test}. */
  static BindingRegistry registry(Map<String, OutputBinding> bindings) {
    return BindingRegistry.of(
        bindings.entrySet().stream()
            .map(
                entry ->
                    RegisteredBinding.of(
                        new ComponentInfo(entry.getKey(), "bindings.test", "v1"), entry.getValue()))
            .toList(),
        List.of());
  }

  /** The HTTP API on a free port over {@code bindings}, within {@code limits}. */
  static BindingsVerticle verticle(Map<String, OutputBinding> bindings, ServingLimits limits) {
    BindingRegistry registry = registry(bindings);
    return new BindingsVerticle(
        registry,
        InvocationPipeline.builder().bindings(BindingSource.of(registry)).limits(limits).build(),
        ApiOptions.builder().port(0).build());
  }

  @Override
  public Set<String> operations() {
    return Set.of("create");
  }

  @Override
  public CompletionStage<InvokeResponse> invoke(InvokeRequest request) {
    return answer.get();
  }

  @Override
  public void close() {}
}
