package dev.sesbinding.benchmarks;

import java.lang.management.ManagementFactory;
import software.amazon.awssdk.services.ses.SesAsyncClient;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;

/**
 * The reference for the server's CPU cost: a program that sends the same emails straight through
 * {@code SesAsyncClient} to the same stub, at the same concurrency, and prints its own CPU seconds
 * per 10,000 emails (after the same warm-up).
 *
 * <p>{@code java -cp benchmarks.jar dev.sesbinding.benchmarks.RawSdkSender <endpoint> <concurrency>
 * <count> [warmup]}
 */
public final class RawSdkSender {
  private RawSdkSender() {}

  public static void main(String[] args) throws Exception {
    String endpoint = args[0];
    int concurrency = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : Math.min(count, 5_000);
    try (SesAsyncClient client = SendFixture.rawClient(endpoint)) {
      SendEmailRequest request = SendFixture.rawRequest();
      send(client, request, concurrency, warmup);
      long cpuBefore = cpuNanos();
      long started = System.nanoTime();
      int errors = send(client, request, concurrency, count);
      double seconds = (System.nanoTime() - started) / 1e9;
      double cpu = (cpuNanos() - cpuBefore) / 1e9;
      System.out.printf(
          "raw SDK: concurrency %d, %,d emails, %,.0f emails/s, %d errors, %.2f CPU s per 10,000%n",
          concurrency, count, count / seconds, errors, cpu * 10_000 / count);
    }
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static int send(
      SesAsyncClient client, SendEmailRequest request, int concurrency, int count)
      throws InterruptedException {
    return ClosedLoop.run(
        concurrency, count, index -> client.sendEmail(request).thenApply(response -> true));
  }
}
