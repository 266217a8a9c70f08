package dev.sesbinding.benchmarks;

import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.ses.SesBinding;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.ses.SesAsyncClient;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;

/**
 * Emails per second at 64 in flight: {@code core}'s {@code invoke} against the fast stub, beside a
 * raw {@code SesAsyncClient.sendEmail} of the same message to the same stub (the floor), and the
 * raw SDK with the binding's mandatory timeouts. Each operation sends 64 at once and waits for all
 * of them. With {@code -Dses.stub} the stub runs in its own process (run.sh pins it and the
 * benchmark to one core each); on one core the JIT needs about 40 s to settle, hence the long
 * warm-up. Two forks, since one JIT outcome can move a score by 10%.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 15, time = 3)
@Measurement(iterations = 8, time = 3)
public class InvokeBenchmark {
  static final int CONCURRENCY = 64;

  private FastSesStub stub;
  private SesBinding binding;
  private SesBinding measured;
  private SesAsyncClient raw;
  private SesAsyncClient rawWithTimeouts;
  private InvokeRequest request;
  private SendEmailRequest rawRequest;

  /**
   * {@code -Dses.stub=http://127.0.0.1:port}: a stub in its own process (run.sh pins it to its own
   * core).
   */
  static final String STUB_PROPERTY = "ses.stub";

  @Setup
  public void start() throws Exception {
    String endpoint = System.getProperty(STUB_PROPERTY, "");
    if (endpoint.isBlank()) {
      stub = FastSesStub.start(0);
      endpoint = stub.endpoint();
    }
    binding = SendFixture.binding(endpoint);
    measured =
        SendFixture.binding(
            endpoint, new dev.sesbinding.serving.metrics.BindingMetrics("bench", ""));
    raw = SendFixture.rawClient(endpoint);
    rawWithTimeouts = SendFixture.rawClientWithTimeouts(endpoint);
    request = SendFixture.invokeRequest();
    rawRequest = SendFixture.rawRequest();
  }

  @TearDown
  public void stop() throws Exception {
    binding.close();
    measured.close();
    raw.close();
    rawWithTimeouts.close();
    if (stub != null) {
      stub.close();
    }
  }

  @Benchmark
  @OperationsPerInvocation(CONCURRENCY)
  public void coreInvoke() {
    CompletableFuture<?>[] inFlight = new CompletableFuture<?>[CONCURRENCY];
    for (int i = 0; i < CONCURRENCY; i++) {
      inFlight[i] = binding.invoke(request).toCompletableFuture();
    }
    CompletableFuture.allOf(inFlight).join();
  }

  /** {@link #coreInvoke} with the server's metrics told of each send's attempts. */
  @Benchmark
  @OperationsPerInvocation(CONCURRENCY)
  public void coreInvokeWithMetrics() {
    CompletableFuture<?>[] inFlight = new CompletableFuture<?>[CONCURRENCY];
    for (int i = 0; i < CONCURRENCY; i++) {
      inFlight[i] = measured.invoke(request).toCompletableFuture();
    }
    CompletableFuture.allOf(inFlight).join();
  }

  @Benchmark
  @OperationsPerInvocation(CONCURRENCY)
  public void rawSdkSendEmail() {
    CompletableFuture<?>[] inFlight = new CompletableFuture<?>[CONCURRENCY];
    for (int i = 0; i < CONCURRENCY; i++) {
      inFlight[i] = raw.sendEmail(rawRequest);
    }
    CompletableFuture.allOf(inFlight).join();
  }

  /**
   * The raw SDK with the call and attempt timeouts that the binding always sets: what those timers
   * cost.
   */
  @Benchmark
  @OperationsPerInvocation(CONCURRENCY)
  public void rawSdkWithTimeouts() {
    CompletableFuture<?>[] inFlight = new CompletableFuture<?>[CONCURRENCY];
    for (int i = 0; i < CONCURRENCY; i++) {
      inFlight[i] = rawWithTimeouts.sendEmail(rawRequest);
    }
    CompletableFuture.allOf(inFlight).join();
  }
}
