package dev.sesbinding.core.ses;

import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.Metadata;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.Mailbox;
import dev.sesbinding.core.internal.GoUnquote;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pure-CPU steps of {@code create}, each on its own: the whole compose (merge, checks, unquote,
 * addresses), the metadata decoding, the Go unquote of a typical body, and the address rules. (In
 * core's package, to reach them.)
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
  private final EmailComposer composer = new EmailComposer(Metadata.of(component));
  private final InvokeRequest request =
      InvokeRequest.of("create", BODY_JSON.getBytes(StandardCharsets.UTF_8), requestMetadata);
  private final byte[] body = BODY_JSON.getBytes(StandardCharsets.UTF_8);

  @Benchmark
  public Email composeWholeEmail() {
    return composer.compose(request);
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
