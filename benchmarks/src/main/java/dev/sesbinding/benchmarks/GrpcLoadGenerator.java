package dev.sesbinding.benchmarks;

import dev.sesbinding.grpc.runtime.v1.DaprGrpc;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * {@link LoadGenerator}'s twin for Dapr's gRPC API: the same email as {@code InvokeBinding} (data
 * as Dapr's Java SDK sends a {@code String}), over one HTTP/2 connection as Dapr's SDKs use, at a
 * fixed concurrency; prints the same row.
 *
 * <p>{@code java -cp benchmarks.jar dev.sesbinding.benchmarks.GrpcLoadGenerator <host> <port>
 * <binding> <concurrency> <count> <server pid[,pid...]> [warmup]}
 */
public final class GrpcLoadGenerator {
  private GrpcLoadGenerator() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String binding = args[2];
    int concurrency = Integer.parseInt(args[3]);
    int count = Integer.parseInt(args[4]);
    long[] pids = Arrays.stream(args[5].split(",", -1)).mapToLong(Long::parseLong).toArray();
    int warmup = args.length > 6 ? Integer.parseInt(args[6]) : Math.min(count, 5_000);
    // Callbacks only record a latency: run them on the transport's threads, as the HTTP load
    // generator's run on its event loop, so that both clients cost the shared cores alike.
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(host, port).usePlaintext().directExecutor().build();
    InvokeBindingRequest request = SendFixture.invokeBinding(binding);
    try {
      DaprGrpc.DaprFutureStub dapr = DaprGrpc.newFutureStub(channel);
      run(dapr, request, concurrency, warmup, new long[warmup]);
      double cpuBefore = ProcessStats.cpuSeconds(pids);
      long[] latencies = new long[count];
      long started = System.nanoTime();
      int errors = run(dapr, request, concurrency, count, latencies);
      double seconds = (System.nanoTime() - started) / 1e9;
      double cpu = ProcessStats.cpuSeconds(pids) - cpuBefore;
      LoadGenerator.printRow(concurrency, count, seconds, latencies, errors, cpu, pids);
    } finally {
      channel.shutdownNow().awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  private static int run(
      DaprGrpc.DaprFutureStub dapr,
      InvokeBindingRequest request,
      int concurrency,
      int count,
      long[] latencies)
      throws InterruptedException {
    return ClosedLoop.grpc(
        concurrency,
        count,
        latencies,
        () -> dapr.withDeadlineAfter(60, TimeUnit.SECONDS).invokeBinding(request),
        // Any OK answer: daprd's own binding answers without a message id, as its HTTP API does
        // 204.
        response -> true);
  }
}
