package dev.sesbinding.conformance.binding;

import dev.sesbinding.conformance.BindingUnderTest;
import dev.sesbinding.conformance.ConformanceComponent;
import dev.sesbinding.conformance.Outcome;
import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.ses.SesBinding;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The library: {@code core}'s {@link SesBinding}, called in process. */
public final class InProcessBinding implements BindingUnderTest {
  private static final long TIMEOUT_SECONDS = 60;
  private SesBinding binding;

  @Override
  public void init(ConformanceComponent component) throws Exception {
    binding =
        await(
            SesBinding.init(
                ComponentMetadata.of(
                    component.name(),
                    component.type(),
                    component.version(),
                    component.metadata())));
  }

  @Override
  public void ping() throws Exception {
    await(binding.ping());
  }

  @Override
  public Set<String> operations() {
    return binding.operations();
  }

  @Override
  public Outcome invoke(String operation, String data, Map<String, String> metadata)
      throws Exception {
    byte[] bytes = data == null ? new byte[0] : data.getBytes(StandardCharsets.UTF_8);
    try {
      InvokeResponse response = await(binding.invoke(InvokeRequest.of(operation, bytes, metadata)));
      return Outcome.success(
          response.metadata().getOrDefault("messageId", ""),
          response.metadata(),
          Outcome.NO_STATUS);
    } catch (BindingException e) {
      return Outcome.failure(e.kind(), Outcome.NO_STATUS, e.getMessage());
    }
  }

  @Override
  public void close() {
    if (binding != null) {
      binding.close();
    }
  }

  /** Waits on the test's own thread; a failed stage rethrows its cause. */
  private static <T> T await(CompletionStage<T> stage) throws Exception {
    try {
      return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return "the library (core, in process)";
  }
}
