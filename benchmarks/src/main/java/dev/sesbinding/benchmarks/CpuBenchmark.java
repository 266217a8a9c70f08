package dev.sesbinding.benchmarks;

import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.Metadata;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.Mailbox;
import dev.sesbinding.core.internal.GoUnquote;
import dev.sesbinding.core.ses.EmailTransport;
import dev.sesbinding.core.ses.SesBinding;
import dev.sesbinding.core.ses.SesBindingOptions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
 * The pure-CPU steps of {@code create}, each on its own: the whole invoke with a transport that
 * answers at once (merge, checks, unquote, addresses, the response), the metadata decoding, the Go
 * unquote of a typical body, and the address rules; through core's public API only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CpuBenchmark {
  private static final String BODY_JSON =
      "\"\\u003ch1\\u003eYour order has shipped\\u003c/h1\\u003e\\u003cp\\u003e"
          + "Hello Ana, your parcel is on its way. Thanks \\u0026 bye!\\u003c/p\\u003e\"";
  private final Map<String, String> component =
      Map.of(
          "emailFrom",
          "Shop <noreply@example.com>",
          "region",
          "eu-west-1",
          "accessKey",
          "AKIA1",
          "secretKey",
          "s");
  private final Map<String, String> requestMetadata =
      Map.of(
          "emailTo",
          "ana@example.com;ben@example.com;cleo@example.com",
          "emailCc",
          "ops@example.com",
          "subject",
          "Your order 12345 has shipped");
  private SesBinding binding;
  private final InvokeRequest request =
      InvokeRequest.of("create", BODY_JSON.getBytes(StandardCharsets.UTF_8), requestMetadata);
  private final byte[] body = BODY_JSON.getBytes(StandardCharsets.UTF_8);

  @Setup
  public void start() {
    binding =
        SesBinding.init(
                ComponentMetadata.of("ses", SesBinding.TYPE, SesBinding.VERSION, component),
                SesBindingOptions.builder().transport(new AnswersAtOnce()).build())
            .toCompletableFuture()
            .join();
  }

  @TearDown
  public void stop() {
    binding.close();
  }

  @Benchmark
  public Object composeWholeEmail() {
    return binding.invoke(request);
  }

  /** A transport that sends nothing and answers at once: the benchmark measures the binding. */
  private static final class AnswersAtOnce implements EmailTransport {
    private static final CompletionStage<String> SENT = CompletableFuture.completedFuture("m-1");

    @Override
    public CompletionStage<String> send(Email email) {
      return SENT;
    }

    @Override
    public void close() {}
  }

  @Benchmark
  public Metadata decodeRequestMetadata() {
    return Metadata.of(requestMetadata);
  }

  @Benchmark
  public Object unquoteBody() {
    return GoUnquote.unquote(body);
  }

  @Benchmark
  public Mailbox parseAddress() {
    return Mailbox.parse("emailTo", "Second Person <to2@example.com>");
  }
}
