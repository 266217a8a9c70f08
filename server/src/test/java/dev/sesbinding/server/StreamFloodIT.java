package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.sesbinding.grpc.ComponentClient;
import dev.sesbinding.grpc.components.v1.InvokeRequest;
import dev.sesbinding.grpc.components.v1.MetadataRequest;
import dev.sesbinding.grpc.components.v1.OutputBindingInitRequest;
import dev.sesbinding.grpc.runtime.v1.DaprGrpc;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingRequest;
import dev.sesbinding.testing.Http2Flood;
import dev.sesbinding.testing.ServerProcess;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One unauthenticated client floods the server (the jar, with the README's JVM flags) with 300,000
 * header-only gRPC streams, reconnecting whenever the server closes its connection, on Dapr's gRPC
 * port (with and without an API token) and on the component socket. Throughout, health and a normal
 * send are answered in time; the server stays up with its memory bounded; the flood's connections
 * are refused streams and closed with GOAWAY.
 */
class StreamFloodIT {
  private static final Path JAR = Readme.ROOT.resolve("server/target/ses-binding-server.jar");
  private static final Pattern READY =
      Pattern.compile("ready on (http://127\\.0\\.0\\.1:\\d+ and grpc://127\\.0\\.0\\.1:\\d+)");
  private static final Pattern COMPONENT_READY = Pattern.compile("on unix://(\\S+)");
  private static final long STREAMS = 300_000;
  private static final Duration FLOOD_LIMIT = Duration.ofSeconds(90);

  /**
   * How long health and a normal send may take while the flood runs. One second on a quiet machine
   * (the bound); the flood's client shares this 2-core machine with the server, so the test
   * allows twice that and prints what it measured.
   */
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);

  @TempDir Path folder;
  private ServerProcess server;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
    if (server != null) {
      server.terminate(Duration.ofSeconds(30));
      server.close();
    }
  }

  /** What the probes saw while the flood ran, and how many lines the server logged meanwhile. */
  private record Probes(int count, int late, long slowestMillis, List<String> logged) {}

  /** Resident memory of the server process, in MiB, from {@code /proc}. */
  private long rssMib() throws IOException {
    for (String line :
        Files.readAllLines(Path.of("/proc", Long.toString(server.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    throw new IllegalStateException("no VmRSS");
  }

  /**
   * Runs {@code flood} on its own thread and {@code probe} (true when answered) every 200 ms until
   * it ends; what the probes saw.
   */
  private Probes whileFlooding(ThrowingRunnable flood, ThrowingProbe probe) throws Exception {
    int linesBefore = server.output().size();
    Thread flooding =
        new Thread(
            () -> {
              try {
                flood.run();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            "flood");
    flooding.start();
    int count = 0;
    int late = 0;
    long slowest = 0;
    long deadline = System.nanoTime() + FLOOD_LIMIT.toNanos();
    do { // at least once, however soon the flood ends
      long started = System.nanoTime();
      boolean answered = probe.answered();
      long took = (System.nanoTime() - started) / 1_000_000;
      slowest = Math.max(slowest, took);
      count++;
      if (!answered || took > ANSWER_WITHIN.toMillis()) {
        late++;
      }
      Thread.sleep(200);
    } while (flooding.isAlive() && System.nanoTime() < deadline);
    flooding.join(FLOOD_LIMIT.toMillis());
    assertThat(flooding.isAlive()).as("the flood ended within %s", FLOOD_LIMIT).isFalse();
    List<String> output = server.output();
    return new Probes(count, late, slowest, output.subList(linesBefore, output.size()));
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  @FunctionalInterface
  private interface ThrowingProbe {
    boolean answered() throws Exception;
  }

  private void startServer(String token) throws Exception {
    Files.writeString(folder.resolve("outbox.yaml"), TestServer.outboxComponent("outbox"));
    ProcessBuilder command = ServerProcess.jarCommand(JAR, folder, Readme.jvmFlags());
    if (!token.isEmpty()) {
      command.environment().put("DAPR_API_TOKEN", token);
    }
    server = ServerProcess.start(command, READY);
  }

  private void floodsDaprsGrpcPort(String token) throws Exception {
    startServer(token);
    Matcher ports = Pattern.compile(":(\\d+) and grpc://.*:(\\d+)").matcher(server.ready());
    assertThat(ports.find()).isTrue();
    int httpPort = Integer.parseInt(ports.group(1));
    int grpcPort = Integer.parseInt(ports.group(2));
    HttpClient http = HttpClient.newHttpClient();
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    open.add(channel::shutdownNow);
    Metadata headers = new Metadata();
    if (!token.isEmpty()) {
      headers.put(Metadata.Key.of("dapr-api-token", Metadata.ASCII_STRING_MARSHALLER), token);
    }
    DaprGrpc.DaprBlockingStub dapr =
        DaprGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    Http2Flood flood = new Http2Flood("/dapr.proto.runtime.v1.Dapr/InvokeBinding", "");
    long rssBefore = rssMib();

    Probes probes =
        whileFlooding(
            () ->
                flood.floodReconnecting(
                    Http2Flood.tcp(grpcPort), STREAMS, Http2Flood.Kind.HEADERS, true),
            () -> {
              HttpResponse<Void> health =
                  http.send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + httpPort + "/v1.0/healthz"))
                          .timeout(ANSWER_WITHIN)
                          .header("dapr-api-token", token)
                          .build(),
                      HttpResponse.BodyHandlers.discarding());
              return health.statusCode() == 204
                  && dapr.withDeadlineAfter(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS)
                      .invokeBinding(
                          InvokeBindingRequest.newBuilder()
                              .setName("outbox")
                              .setOperation("create")
                              .setData(ByteString.copyFromUtf8("\"<p>hi</p>\""))
                              .putMetadata("emailTo", "to@example.com")
                              .putMetadata("subject", "During the flood")
                              .build())
                      .getMetadataMap()
                      .containsKey("messageId");
            });

    report("gRPC port" + (token.isEmpty() ? "" : " with a token"), flood, probes, rssBefore);
  }

  private void report(String where, Http2Flood flood, Probes probes, long rssBefore)
      throws IOException {
    long rssAfter = rssMib();
    System.out.printf(
        "stream flood on the %s: %,d streams on %,d connections, %,d refused (RST_STREAM), %,d"
            + " GOAWAY; %d probes, %d late, slowest %d ms; RSS %d -> %d MiB; %d lines logged%n",
        where,
        flood.streamsSent.get(),
        flood.connections.get(),
        flood.resetsReceived.get(),
        flood.goAways.get(),
        probes.count(),
        probes.late(),
        probes.slowestMillis(),
        rssBefore,
        rssAfter,
        probes.logged().size());
    probes.logged().forEach(line -> System.out.println("logged during the flood: " + line));
    assertThat(flood.streamsSent.get()).isGreaterThanOrEqualTo(STREAMS);
    assertThat(server.isAlive()).isTrue();
    assertThat(server.output()).noneMatch(line -> line.contains("OutOfMemoryError"));
    assertThat(probes.count()).as("probes during the flood").isPositive();
    assertThat(probes.late()).as("probes not answered within %s", ANSWER_WITHIN).isZero();
    assertThat(flood.goAways.get()).as("connections closed with GOAWAY").isPositive();
    assertThat(rssAfter).as("resident memory after the flood, MiB").isLessThan(400);
    assertThat(probes.logged())
        .as("what the server logged during the flood")
        .hasSizeLessThanOrEqualTo(4);
  }

  @Test
  void daprsGrpcPortStaysUpAndAnswersThroughAStreamFlood() throws Exception {
    floodsDaprsGrpcPort("");
  }

  /** Floods the gRPC port with {@code units} of {@code kind}, reconnecting; what it measured. */
  private void floodsTheGrpcPortWith(Http2Flood.Kind kind, long units, boolean read)
      throws Exception {
    startServer("");
    Matcher ports = Pattern.compile(":(\\d+) and grpc://.*:(\\d+)").matcher(server.ready());
    assertThat(ports.find()).isTrue();
    int httpPort = Integer.parseInt(ports.group(1));
    int grpcPort = Integer.parseInt(ports.group(2));
    HttpClient http = HttpClient.newHttpClient();
    Http2Flood flood = new Http2Flood("/dapr.proto.runtime.v1.Dapr/InvokeBinding", "");
    long rssBefore = rssMib();

    Probes probes =
        whileFlooding(
            () -> flood.floodReconnecting(Http2Flood.tcp(grpcPort), units, kind, read),
            () ->
                http.send(
                            HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + httpPort + "/v1.0/healthz"))
                                .timeout(ANSWER_WITHIN)
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 204);

    System.out.printf(
        "%s flood on the gRPC port: %,d frames on %,d connections, %,d GOAWAY seen; %d probes,"
            + " %d late, slowest %d ms; RSS %d -> %d MiB; %d lines logged%n",
        kind,
        flood.streamsSent.get(),
        flood.connections.get(),
        flood.goAways.get(),
        probes.count(),
        probes.late(),
        probes.slowestMillis(),
        rssBefore,
        rssMib(),
        probes.logged().size());
    assertThat(server.isAlive()).isTrue();
    assertThat(probes.late()).as("probes not answered within %s", ANSWER_WITHIN).isZero();
    assertThat(flood.connections.get())
        .as("connections the server closed before the flood was all sent")
        .isGreaterThan(1);
    assertThat(probes.logged()).as("what the server logged").hasSizeLessThanOrEqualTo(4);
  }

  @Test
  void aRapidResetFloodIsClosedWithGoAwayAndTheServerAnswersThroughout() throws Exception {
    floodsTheGrpcPortWith(Http2Flood.Kind.RAPID_RESET, 100_000, true);
  }

  @Test
  void aSettingsFloodThatNeverReadsTheAcksIsClosedAndTheServerAnswersThroughout() throws Exception {
    floodsTheGrpcPortWith(Http2Flood.Kind.SETTINGS, 2_000_000, false);
  }

  @Test
  void daprsGrpcPortWithATokenStaysUpThroughAStreamFloodWithoutOne() throws Exception {
    floodsDaprsGrpcPort("t0ken");
  }

  @Test
  void theComponentSocketStaysUpAndAnswersThroughAStreamFlood() throws Exception {
    ProcessBuilder command =
        ServerProcess.javaJar(
            JAR,
            Readme.jvmFlags(),
            List.of("--pluggable", "ses-binding", "--components-socket-folder", folder.toString()));
    server = ServerProcess.start(command, COMPONENT_READY);
    Path socketPath = Path.of(server.ready());
    ComponentClient daprd = ComponentClient.connect(socketPath);
    open.add(daprd);
    daprd
        .blocking("outbox")
        .init(
            OutputBindingInitRequest.newBuilder()
                .setMetadata(
                    MetadataRequest.newBuilder()
                        .putAllProperties(
                            Map.of("transport", "outbox", "emailFrom", "from@example.com")))
                .build());
    Http2Flood flood = new Http2Flood("/dapr.proto.components.v1.OutputBinding/Invoke", "");
    long rssBefore = rssMib();

    Probes probes =
        whileFlooding(
            () ->
                flood.floodReconnecting(
                    Http2Flood.unix(socketPath), STREAMS, Http2Flood.Kind.HEADERS, true),
            () ->
                daprd
                    .blocking("outbox")
                    .withDeadlineAfter(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS)
                    .invoke(
                        InvokeRequest.newBuilder()
                            .setOperation("create")
                            .setData(ByteString.copyFromUtf8("\"<p>hi</p>\""))
                            .putMetadata("emailTo", "to@example.com")
                            .putMetadata("subject", "During the flood")
                            .build())
                    .getMetadataMap()
                    .containsKey("messageId"));

    report("component socket", flood, probes, rssBefore);
  }
}
