package dev.sesbinding.http;

import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** An output binding with operation {@code create} that answers every request with what {@code answer} gives. */
final class ScriptedBinding implements OutputBinding {
  private final Supplier<CompletionStage<InvokeResponse>> answer;

  ScriptedBinding(Supplier<CompletionStage<InvokeResponse>> answer) {
    this.answer = answer;
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
