package dev.sesbinding.benchmarks;

import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.serving.IdempotencySettings;
import dev.sesbinding.serving.IdempotentBinding;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What an {@code idempotencyKey} kept in memory costs a call by itself: the same request (the
 * typical email, as Dapr's HTTP API hands it on: quoted data) through {@link IdempotentBinding} in
 * front of a binding that answers at once, without a key and with a new key per call (a 1 s window,
 * so keys come and go as in the load benchmark). Compare the difference with the server's CPU per
 * email at 64 connections ({@code benchmarks/results.md}); run with {@code -prof gc} for the bytes
 * each call allocates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class IdempotencyBenchmark {
  private static final InvokeResponse SENT =
      InvokeResponse.ofMessageId("0100018c9e0e1b2a-6b2f8f6e-2d0c-4b8e-9c51-7f3c2a1d0e9f-000000");

  private IdempotentBinding binding;
  private Map<String, String> metadata;
  private byte[] data;
  private long next;

  @Setup
  public void start() {
    OutputBinding answersAtOnce =
        new OutputBinding() {
          @Override
          public Set<String> operations() {
            return Set.of("create");
          }

          @Override
          public CompletionStage<InvokeResponse> invoke(InvokeRequest request) {
            return CompletableFuture.completedFuture(SENT);
          }

          @Override
          public CompletionStage<Void> ping() {
            return CompletableFuture.completedFuture(null);
          }

          @Override
          public void close() {}
        };
    binding =
        IdempotentBinding.of(
            "ses",
            answersAtOnce,
            IdempotencySettings.of(
                Map.of("idempotencyWindow", "1s", "idempotencyMaxKeys", "10000000")));
    metadata = new HashMap<>(SendFixture.REQUEST_METADATA);
    data =
        ("\"" + SendFixture.BODY.replace("<", "\\u003c").replace(">", "\\u003e") + "\"")
            .getBytes(StandardCharsets.UTF_8);
  }

  @TearDown
  public void stop() {
    binding.close();
  }

  @Benchmark
  public Object withoutKey() {
    return binding.invoke(InvokeRequest.of("create", data, metadata)).toCompletableFuture().join();
  }

  @Benchmark
  public Object withNewKey() {
    Map<String, String> keyed = new HashMap<>(metadata);
    keyed.put(IdempotencySettings.KEY, "order-12345-shipped-" + next++);
    return binding.invoke(InvokeRequest.of("create", data, keyed)).toCompletableFuture().join();
  }
}
