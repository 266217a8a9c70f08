package dev.sesbinding.benchmarks;

import dev.sesbinding.grpc.runtime.v1.DaprGrpc;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingRequest;
import dev.sesbinding.testing.Http2Flood;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's gRPC side, for {@code minutes}: a flood round every 5 s on Dapr's gRPC port (50,000
 * header-only streams, then 50,000 rapid resets, reconnecting whenever the server closes), beside
 * four closed loops of valid {@code InvokeBinding} sends on their own connection; prints what each
 * got.
 *
 * <p>{@code java -cp benchmarks.jar dev.sesbinding.benchmarks.GrpcFloods <port> <binding>
 * <minutes>}
 */
public final class GrpcFloods {
  private static final int LOOPS = 4;

  private GrpcFloods() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String binding = args[1];
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(Long.parseLong(args[2]));
    Map<String, AtomicLong> valid = new ConcurrentHashMap<>();
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    InvokeBindingRequest request = SendFixture.invokeBinding(binding);
    Thread[] loops = new Thread[LOOPS];
    for (int i = 0; i < LOOPS; i++) {
      loops[i] =
          new Thread(
              () -> {
                DaprGrpc.DaprBlockingStub dapr = DaprGrpc.newBlockingStub(channel);
                while (System.nanoTime() < until) {
                  String outcome;
                  try {
                    dapr.withDeadlineAfter(30, TimeUnit.SECONDS).invokeBinding(request);
                    outcome = "OK";
                  } catch (StatusRuntimeException e) {
                    outcome = e.getStatus().getCode().name();
                  }
                  valid.computeIfAbsent(outcome, key -> new AtomicLong()).incrementAndGet();
                }
              },
              "valid-grpc-" + i);
      loops[i].start();
    }
    Http2Flood streams = new Http2Flood("/dapr.proto.runtime.v1.Dapr/InvokeBinding", "");
    Http2Flood resets = new Http2Flood("/dapr.proto.runtime.v1.Dapr/InvokeBinding", "");
    int rounds = 0;
    while (System.nanoTime() < until) {
      streams.floodReconnecting(Http2Flood.tcp(port), 50_000, Http2Flood.Kind.HEADERS, true);
      resets.floodReconnecting(Http2Flood.tcp(port), 50_000, Http2Flood.Kind.RAPID_RESET, true);
      rounds++;
      Thread.sleep(5_000);
    }
    for (Thread loop : loops) {
      loop.join();
    }
    channel.shutdownNow().awaitTermination(30, TimeUnit.SECONDS);
    Map<String, Long> outcomes = new TreeMap<>();
    valid.forEach((outcome, count) -> outcomes.put(outcome, count.get()));
    System.out.printf(
        "gRPC floods: %d rounds; %,d header-only streams on %,d connections (%,d GOAWAY);"
            + " %,d rapid resets on %,d connections (%,d GOAWAY)%n",
        rounds,
        streams.streamsSent.get(),
        streams.connections.get(),
        streams.goAways.get(),
        resets.streamsSent.get(),
        resets.connections.get(),
        resets.goAways.get());
    System.out.println("valid gRPC sends beside them, by status: " + outcomes);
  }
}
