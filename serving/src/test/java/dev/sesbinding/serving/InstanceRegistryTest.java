package dev.sesbinding.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InstanceRegistryTest {
  private final InstanceRegistry registry = new InstanceRegistry(Runnable::run);

  /** A binding that counts its closes. */
  private static final class Counted implements OutputBinding {
    final AtomicInteger closed = new AtomicInteger();

    @Override
    public Set<String> operations() {
      return Set.of("create");
    }

    @Override
    public CompletionStage<InvokeResponse> invoke(InvokeRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }

  @Test
  void aReplacedInstanceClosesOnlyOnceItsCallsHaveEnded() {
    Counted old = new Counted();
    Counted fresh = new Counted();
    registry.put("orders", old);
    BindingSource.Lease first = registry.acquire("orders").orElseThrow();
    BindingSource.Lease second = registry.acquire("orders").orElseThrow();

    boolean replaced = registry.put("orders", fresh);

    assertThat(replaced).isTrue();
    assertThat(registry.acquire("orders").orElseThrow().binding()).isSameAs(fresh);
    assertThat(old.closed).as("closed under its calls").hasValue(0);
    first.release();
    assertThat(old.closed).as("one call still holds it").hasValue(0);
    second.release();
    assertThat(old.closed).as("closed once, after its last call").hasValue(1);
    assertThat(fresh.closed).hasValue(0);
  }

  @Test
  void anIdleInstanceClosesAtOnceWhenReplacedOrStopped() {
    Counted old = new Counted();
    Counted fresh = new Counted();
    registry.put("orders", old);
    registry.put("orders", fresh);

    registry.closeAll();

    assertThat(old.closed).hasValue(1);
    assertThat(fresh.closed).hasValue(1);
    assertThat(registry.acquire("orders")).isEmpty();
    assertThat(registry.size()).isZero();
  }

  @Test
  void aNameNeverInitialisedIsNotInitialisedInDaprsWords() {
    assertThat(registry.acquire("")).isEmpty();
    Refusal refusal = registry.notFound("");

    assertThat(refusal.error()).isEqualTo(ErrorCase.NOT_INITIALISED);
    assertThat(refusal.message())
        .isEqualTo("error invoking output binding (unnamed): " + InstanceRegistry.NOT_INITIALISED);
    assertThat(refusal.withoutDaprPrefix().message())
        .as("what the component answers daprd")
        .startsWith("the component instance is not initialised: daprd calls Init only when")
        .endsWith("restart daprd");
  }
}
