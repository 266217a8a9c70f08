package dev.sesbinding.benchmarks;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A closed-loop load: keeps {@code concurrency} sends in flight until {@code count} have been
 * answered.
 */
final class ClosedLoop {
  private ClosedLoop() {}

  /**
   * The loop over gRPC calls: each {@code call} started, its latency recorded, and counted as
   * succeeded when it answers OK and {@code succeeded} holds for the answer.
   *
   * @return how many calls failed
   */
  static <T> int grpc(
      int concurrency,
      int count,
      long[] latencies,
      Supplier<ListenableFuture<T>> call,
      Predicate<T> succeeded)
      throws InterruptedException {
    return run(
        concurrency,
        count,
        index -> {
          long start = System.nanoTime();
          return timed(call.get(), start, latencies, index, succeeded);
        });
  }

  /**
   * A gRPC call's outcome for the loop: its latency from {@code start} recorded at {@code index},
   * and whether it succeeded with an answer that {@code ok} accepts.
   */
  private static <T> CompletionStage<Boolean> timed(
      ListenableFuture<T> call, long start, long[] latencies, int index, Predicate<T> ok) {
    CompletableFuture<Boolean> answered = new CompletableFuture<>();
    Futures.addCallback(
        call,
        new FutureCallback<T>() {
          @Override
          public void onSuccess(T response) {
            latencies[index] = System.nanoTime() - start;
            answered.complete(ok.test(response));
          }

          @Override
          public void onFailure(Throwable failure) {
            latencies[index] = System.nanoTime() - start;
            answered.complete(false);
          }
        },
        MoreExecutors.directExecutor());
    return answered;
  }

  /**
   * Runs the loop; {@code send} starts send number {@code i} and completes with whether it
   * succeeded.
   *
   * @return how many sends failed
   */
  static int run(int concurrency, int count, IntFunction<CompletionStage<Boolean>> send)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(1);
    Runnable[] sender = new Runnable[1];
    sender[0] =
        () -> {
          int index = next.getAndIncrement();
          if (index >= count) {
            return;
          }
          send.apply(index)
              .whenComplete(
                  (succeeded, error) -> {
                    if (error != null || !Boolean.TRUE.equals(succeeded)) {
                      failures.incrementAndGet();
                    }
                    if (done.incrementAndGet() == count) {
                      finished.countDown();
                    } else {
                      sender[0].run();
                    }
                  });
        };
    for (int i = 0; i < Math.min(concurrency, count); i++) {
      sender[0].run();
    }
    if (!finished.await(30, TimeUnit.MINUTES)) {
      throw new IllegalStateException("the load did not finish in 30 minutes");
    }
    return failures.get();
  }
}
