package dev.sesbinding.benchmarks;

import com.google.protobuf.ByteString;
import dev.sesbinding.core.internal.JsonStrings;
import dev.sesbinding.core.ses.SesBinding;
import dev.sesbinding.grpc.ComponentClient;
import dev.sesbinding.grpc.components.v1.InvokeRequest;
import dev.sesbinding.grpc.components.v1.MetadataRequest;
import dev.sesbinding.grpc.components.v1.OutputBindingGrpc;
import dev.sesbinding.grpc.components.v1.OutputBindingInitRequest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What the pluggable component's socket hop costs: the same email at the same concurrency through
 * {@code core} in this JVM (its CPU measured here), and as {@code Invoke} on the socket of a
 * component process (its CPU measured there: what the component spends, not daprd), rounds
 * alternating. Prints one row per round: requests/s, latency, CPU per email in microseconds.
 *
 * <p>{@code java -cp benchmarks.jar dev.sesbinding.benchmarks.SocketHop <stub endpoint> <socket>
 * <component pid> <concurrency> <count> <rounds>}
 */
public final class SocketHop {
  private SocketHop() {}

  public static void main(String[] args) throws Exception {
    String endpoint = args[0];
    Path socket = Path.of(args[1]);
    long component = Long.parseLong(args[2]);
    int concurrency = Integer.parseInt(args[3]);
    int count = Integer.parseInt(args[4]);
    int rounds = Integer.parseInt(args[5]);
    long self = ProcessHandle.current().pid();
    try (SesBinding core = SendFixture.binding(endpoint);
        ComponentClient daprd = ComponentClient.connect(socket)) {
      daprd
          .blocking("ses")
          .withDeadlineAfter(60, TimeUnit.SECONDS)
          .init(
              OutputBindingInitRequest.newBuilder()
                  .setMetadata(
                      MetadataRequest.newBuilder()
                          .putAllProperties(SendFixture.componentMetadata(endpoint)))
                  .build());
      OutputBindingGrpc.OutputBindingFutureStub calls = daprd.async("ses");
      InvokeRequest request =
          InvokeRequest.newBuilder()
              .setOperation("create")
              .setData(ByteString.copyFromUtf8(JsonStrings.quote(SendFixture.BODY)))
              .putAllMetadata(SendFixture.REQUEST_METADATA)
              .build();
      int warmup = Math.min(count, 50_000);
      overCore(core, concurrency, warmup, new long[warmup]);
      overSocket(calls, request, concurrency, warmup, new long[warmup]);
      for (int round = 1; round <= rounds; round++) {
        measure(
            "core in process, round " + round,
            self,
            concurrency,
            count,
            latencies -> overCore(core, concurrency, count, latencies));
        measure(
            "Invoke on the socket, round " + round,
            component,
            concurrency,
            count,
            latencies -> overSocket(calls, request, concurrency, count, latencies));
      }
    }
  }

  private interface Load {
    int run(long[] latencies) throws Exception;
  }

  /** One row: what, concurrency, requests, requests/s, p50 and p99 ms, errors, CPU µs per email. */
  private static void measure(String what, long pid, int concurrency, int count, Load load)
      throws Exception {
    long[] latencies = new long[count];
    double cpuBefore = ProcessStats.cpuSeconds(pid);
    long started = System.nanoTime();
    int errors = load.run(latencies);
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpu = ProcessStats.cpuSeconds(pid) - cpuBefore;
    java.util.Arrays.sort(latencies);
    System.out.printf(
        "| %s | %d | %,d | %,.0f | %.2f | %.2f | %d | %.1f |%n",
        what,
        concurrency,
        count,
        count / seconds,
        latencies[count / 2] / 1e6,
        latencies[(int) Math.ceil(0.99 * count) - 1] / 1e6,
        errors,
        cpu * 1e6 / count);
  }

  private static int overCore(SesBinding core, int concurrency, int count, long[] latencies)
      throws InterruptedException {
    return ClosedLoop.run(
        concurrency,
        count,
        index -> {
          long start = System.nanoTime();
          return core.invoke(SendFixture.invokeRequest())
              .handle(
                  (response, failure) -> {
                    latencies[index] = System.nanoTime() - start;
                    return failure == null && response.metadata().containsKey("messageId");
                  });
        });
  }

  private static int overSocket(
      OutputBindingGrpc.OutputBindingFutureStub calls,
      InvokeRequest request,
      int concurrency,
      int count,
      long[] latencies)
      throws InterruptedException {
    return ClosedLoop.grpc(
        concurrency,
        count,
        latencies,
        () -> calls.withDeadlineAfter(60, TimeUnit.SECONDS).invoke(request),
        response -> response.getMetadataMap().containsKey("messageId"));
  }
}
