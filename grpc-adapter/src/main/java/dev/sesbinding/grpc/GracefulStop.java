package dev.sesbinding.grpc;

import dev.sesbinding.core.internal.DaemonThreads;
import io.grpc.Server;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Stopping a gRPC server as both of ours stop: no new calls, the calls in flight may finish within
 * the grace period, the rest are cut, then what the server used is released; on a thread of its
 * own, never the caller's.
 */
final class GracefulStop {
  /** What is released once the server has stopped; it may fail. */
  @FunctionalInterface
  interface Release {
    void run() throws Exception;
  }

  private GracefulStop() {}

  static CompletionStage<Void> of(
      Server server, Duration gracePeriod, String threadName, Release afterwards) {
    server.shutdown();
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    Thread waiter =
        DaemonThreads.factory(threadName)
            .newThread(
                () -> {
                  try {
                    if (!server.awaitTermination(gracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
                      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    try {
                      afterwards.run();
                      stopped.complete(null);
                    } catch (Exception e) {
                      stopped.completeExceptionally(e);
                    }
                  }
                });
    waiter.start();
    return stopped;
  }
}
