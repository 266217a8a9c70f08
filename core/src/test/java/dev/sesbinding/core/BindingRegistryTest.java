package dev.sesbinding.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BindingRegistryTest {
  private static final ComponentInfo MAIL = new ComponentInfo("mail", "bindings.test", "v1");
  private static final ComponentInfo STORE =
      new ComponentInfo("secrets", "secretstores.local.env", "v1");

  /** A binding that counts how often it is closed, and whose close may throw. */
  private static final class CountingBinding implements OutputBinding {
    final AtomicInteger closes = new AtomicInteger();
    private final boolean failsToClose;

    CountingBinding(boolean failsToClose) {
      this.failsToClose = failsToClose;
    }

    @Override
    public Set<String> operations() {
      return Set.of("create");
    }

    @Override
    public CompletionStage<InvokeResponse> invoke(InvokeRequest request) {
      return CompletableFuture.completedFuture(new InvokeResponse(null, null));
    }

    @Override
    public void close() {
      closes.incrementAndGet();
      if (failsToClose) {
        throw new IllegalStateException("cannot close");
      }
    }
  }

  @Test
  void closesEveryBindingExactlyOnceEvenWhenOneFailsToClose() {
    CountingBinding failing = new CountingBinding(true);
    CountingBinding other = new CountingBinding(false);
    BindingRegistry registry =
        BindingRegistry.of(
            List.of(
                RegisteredBinding.of(MAIL, failing),
                RegisteredBinding.of(new ComponentInfo("other", "bindings.test", "v1"), other)),
            List.of());

    registry.close();
    registry.close();

    assertThat(failing.closes).hasValue(1);
    assertThat(other.closes).hasValue(1);
  }

  @Test
  void listsBindingsThenOtherComponents() {
    BindingRegistry registry =
        BindingRegistry.of(
            List.of(RegisteredBinding.of(MAIL, new CountingBinding(false))), List.of(STORE));

    assertThat(registry.components()).containsExactly(MAIL, STORE);
    assertThat(registry.size()).isEqualTo(1);
    assertThat(registry.get("secrets")).as("a secret store is listed, not served").isEmpty();
  }

  @Test
  void findsCapabilitiesByType() {
    RegisteredBinding binding =
        RegisteredBinding.of(MAIL, new CountingBinding(false), "a capability", 42);

    assertThat(binding.capability(String.class)).contains("a capability");
    assertThat(binding.capability(Integer.class)).contains(42);
    assertThat(binding.capability(Thread.class)).isEmpty();
  }

  @Test
  void refusesTwoBindingsOfOneName() {
    List<RegisteredBinding> twice =
        List.of(
            RegisteredBinding.of(MAIL, new CountingBinding(false)),
            RegisteredBinding.of(MAIL, new CountingBinding(false)));

    assertThatThrownBy(() -> BindingRegistry.of(twice, List.of())).hasMessageContaining("mail");
  }
}
