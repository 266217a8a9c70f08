package dev.sesbinding.server;

import static dev.sesbinding.server.TestServer.VALID_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sesbinding.testing.Await;
import dev.sesbinding.testing.FaultySes;
import dev.sesbinding.testing.SesReply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} after a known mix of calls through the running server: successes over HTTP
 * and gRPC, each SES fault (throttled, rejected, 5xx, a reset connection, an attempt that timed
 * out), a caller's error and an unknown binding. Exact counts and label sets, daprd's series beside
 * ours, and Debian's {@code promtool} reads the text. With the AWS SDK's client ({@code
 * --ses-client sdk}), the one that retries an attempt that timed out; {@code QueryTransportTest}
 * pins the attempts the default client tells.
 */
class MetricsIT {
  private static final String APP = "metrics-test";
  private static final String SES = "app_id=\"" + APP + "\",component=\"ses\"";

  @TempDir static Path folder;
  static FaultySes ses;
  static TestServer server;
  static String scrape;
  static final ListAppender<ILoggingEvent> FAILED_CALLS = new ListAppender<>();
  static final Logger CALLS_LOG = (Logger) LoggerFactory.getLogger("dev.sesbinding.calls");

  @BeforeAll
  static void sendTheMixThenScrape() throws Exception {
    FAILED_CALLS.start();
    CALLS_LOG.addAppender(FAILED_CALLS);
    ses = FaultySes.start();
    server =
        TestServer.start(
            folder,
            Map.of(),
            List.of(TestServer.sesComponent("ses", ses.endpoint().toString())),
            "--app-id",
            APP,
            "--request-timeout",
            "2s",
            "--ses-client",
            "sdk");
    ses.succeed();
    assertThat(server.post("ses", VALID_REQUEST).statusCode()).isEqualTo(200);
    assertThat(server.post("ses", VALID_REQUEST).statusCode()).isEqualTo(200);
    sendFailing(SesReply.error(400, "Throttling", "Maximum sending rate exceeded."), 429);
    sendFailing(SesReply.error(400, "MessageRejected", "Email address is not verified."), 422);
    sendFailing(SesReply.error(500, "InternalFailure", "Internal error."), 502);
    sendFailing(SesReply.resetMidResponse(), 502);
    // the first attempt outlives its share of the 2 s deadline (a third), the retry succeeds
    ses.next(SesReply.success("late").after(Duration.ofSeconds(1)), SesReply.success("ok"));
    assertThat(server.post("ses", VALID_REQUEST).statusCode()).isEqualTo(200);
    ses.succeed();
    assertThat(server.post("ses", "{\"operation\":\"create\",\"data\":\"x\"}").statusCode())
        .isEqualTo(400);
    assertThat(server.post("nope", VALID_REQUEST).statusCode()).isEqualTo(404);
    sendOverGrpc();
    scrape = scrape();
  }

  private static void sendFailing(SesReply fault, int status) {
    ses.always(fault);
    assertThat(server.post("ses", VALID_REQUEST).statusCode()).isEqualTo(status);
  }

  private static void sendOverGrpc() throws InterruptedException {
    io.grpc.ManagedChannel channel = server.grpcChannel();
    try {
      var answer =
          dev.sesbinding.grpc.runtime.v1.DaprGrpc.newBlockingStub(channel)
              .withDeadlineAfter(30, TimeUnit.SECONDS)
              .invokeBinding(TestServer.grpcEmail("ses"));
      assertThat(answer.getMetadataMap()).containsKey("messageId");
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  static String scrape() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + server.server.metricsPort().orElseThrow()
                                + "/metrics"))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .contains("text/plain; version=0.0.4; charset=utf-8");
    return response.body();
  }

  @AfterAll
  static void stop() {
    CALLS_LOG.detachAppender(FAILED_CALLS);
    server.close();
    ses.close();
  }

  @Test
  void daprsBindingSeriesCountEveryCallBySuccess() {
    assertThat(samples("dapr_component_output_binding_count"))
        .containsExactlyInAnyOrder(
            "{app_id=\"metrics-test\",component=\"\",namespace=\"\",operation=\"create\","
                + "success=\"false\"} 1",
            "{" + SES + ",namespace=\"\",operation=\"create\",success=\"false\"} 5",
            "{" + SES + ",namespace=\"\",operation=\"create\",success=\"true\"} 4");
  }

  @Test
  void daprsLatencyHistogramHasDaprsBucketsInMilliseconds() {
    String series = SES + ",namespace=\"\",operation=\"create\",success=\"true\"";
    assertThat(scrape)
        .contains("# TYPE dapr_component_output_binding_latencies histogram")
        .contains("dapr_component_output_binding_latencies_count{" + series + "} 4")
        .contains("dapr_component_output_binding_latencies_bucket{" + series + ",le=\"+Inf\"} 4");
    List<String> bounds = new ArrayList<>();
    Matcher le =
        Pattern.compile(
                "dapr_component_output_binding_latencies_bucket\\{"
                    + Pattern.quote(series)
                    + ",le=\"([^\"]+)\"}")
            .matcher(scrape);
    while (le.find()) {
      bounds.add(le.group(1));
    }
    assertThat(String.join(" ", bounds))
        .isEqualTo(
            "1 2 3 4 5 6 8 10 13 16 20 25 30 40 50 65 80 100 130 160 200 250 300 400 500 650 800"
                + " 1000 2000 5000 10000 20000 50000 100000 +Inf");
  }

  @Test
  void callsCountByWayInAndResult() {
    assertThat(samples("ses_binding_calls_total"))
        .containsExactlyInAnyOrder(
            "{app_id=\"metrics-test\",component=\"\",way_in=\"http\",operation=\"create\","
                + "result=\"binding_not_found\"} 1",
            "{" + SES + ",way_in=\"grpc\",operation=\"create\",result=\"success\"} 1",
            "{" + SES + ",way_in=\"http\",operation=\"create\",result=\"invalid_request\"} 1",
            "{" + SES + ",way_in=\"http\",operation=\"create\",result=\"rejected\"} 1",
            "{" + SES + ",way_in=\"http\",operation=\"create\",result=\"success\"} 3",
            "{" + SES + ",way_in=\"http\",operation=\"create\",result=\"throttled\"} 1",
            "{" + SES + ",way_in=\"http\",operation=\"create\",result=\"unavailable\"} 2");
  }

  @Test
  void sesAttemptsCountByOutcomeAndRetriesAreCounted() {
    assertThat(samples("ses_binding_ses_attempts_total"))
        .containsExactlyInAnyOrder(
            "{" + SES + ",outcome=\"network\"} 3",
            "{" + SES + ",outcome=\"rejected\"} 1",
            "{" + SES + ",outcome=\"server_error\"} 3",
            "{" + SES + ",outcome=\"success\"} 4",
            "{" + SES + ",outcome=\"throttled\"} 3",
            "{" + SES + ",outcome=\"timeout\"} 1");
    assertThat(samples("ses_binding_ses_retries_total")).containsExactly("{" + SES + "} 7");
  }

  @Test
  void initAndInFlightAndTheProcessAreReported() {
    assertThat(samples("dapr_runtime_component_init_total"))
        .containsExactly("{app_id=\"metrics-test\",component=\"bindings.aws.ses\"} 1");
    assertThat(samples("ses_binding_in_flight")).containsExactly(" 0");
    assertThat(scrape)
        .containsPattern("(?m)^process_cpu_seconds_total [0-9.E]+$")
        .containsPattern("(?m)^process_resident_memory_bytes [0-9]+$")
        .containsPattern("(?m)^process_open_fds [0-9]+$");
  }

  @Test
  void noAddressSubjectOrSecretIsInTheText() {
    assertThat(scrape)
        .doesNotContain("to@example.com")
        .doesNotContain("from@example.com")
        .doesNotContain("Hello")
        .doesNotContain("StubSecretValue");
  }

  @Test
  void promtoolReadsTheTextAndFindsFaultOnlyWithDaprsOwnNames() throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    Assumptions.assumeTrue(
        Files.isExecutable(promtool),
        "promtool not installed (Debian package prometheus; .ci/run installs it)");
    Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").start();
    check.getOutputStream().write(scrape.getBytes(StandardCharsets.UTF_8));
    check.getOutputStream().close();
    String out =
        new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            + new String(check.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
    // 0: clean; 3: lint remarks only (1 would be text it cannot parse)
    assertThat(check.exitValue()).as(out).isIn(0, 3);
    // daprd's own names break Prometheus's naming lint (counters without _total, a camelCase
    // label), in daprd's scrape too; they are kept for daprd's dashboards. Ours are clean.
    for (String remark : out.strip().lines().toList()) {
      assertThat(remark).as(out).startsWith("dapr_");
    }
  }

  @Test
  void everyFailedSendLoggedOneWarnLineWithSesCodeAndRequestIdAndNoAddress() {
    List<String> lines =
        FAILED_CALLS.list.stream()
            .filter(event -> event.getLevel() == Level.WARN)
            .map(ILoggingEvent::getFormattedMessage)
            .toList();

    assertThat(lines)
        .hasSize(4)
        .allSatisfy(
            line -> assertThat(line).startsWith("call failed: component=").doesNotContain("@"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("component=ses way_in=http operation=create kind=rejected status=422")
                    .endsWith("ses_code=MessageRejected request_id=stub-request"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("kind=throttled status=429")
                    .endsWith("ses_code=Throttling request_id=stub-request"))
        .anySatisfy(
            line ->
                assertThat(line).contains("kind=unavailable status=502").doesNotContain("ses_code"))
        .noneSatisfy(line -> assertThat(line).contains("status=40"));
  }

  @Test
  void aMetricsPortAlreadyTakenStopsTheStartNamingTheFlag(@TempDir Path other) throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(
              () ->
                  TestServer.start(
                          other,
                          Map.of(),
                          List.of(TestServer.outboxComponent("outbox")),
                          "--metrics-port",
                          Integer.toString(taken.getLocalPort()))
                      .close())
          .hasStackTraceContaining(
              "cannot serve metrics on 127.0.0.1:" + taken.getLocalPort() + " (--metrics-port)");
    }
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + server.server.metricsPort().orElseThrow();
    assertThat(
            client
                .send(
                    HttpRequest.newBuilder(URI.create(base + "/other")).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode())
        .isEqualTo(404);
    assertThat(
            client
                .send(
                    HttpRequest.newBuilder(URI.create(base + "/metrics"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode())
        .isEqualTo(405);
  }

  @Test
  void aFloodOfIdleConnectionsHoldsAtMostSixteenAndScrapesWorkOnceTheyGo() throws Exception {
    int port = server.server.metricsPort().orElseThrow();
    List<java.net.Socket> flood = new ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        flood.add(new Socket(InetAddress.getLoopbackAddress(), port));
      }
      Set<java.net.Socket> closedByServer = new HashSet<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (closedByServer.size() < 200 - MetricsServer.MAX_CONNECTIONS
          && System.nanoTime() < deadline) {
        for (Socket socket : flood) {
          if (!closedByServer.contains(socket)) {
            socket.setSoTimeout(20);
            try {
              if (socket.getInputStream().read() < 0) {
                closedByServer.add(socket);
              }
            } catch (SocketTimeoutException held) {
              // still held by the server, within its 10 s
            } catch (IOException reset) {
              closedByServer.add(socket);
            }
          }
        }
      }
      assertThat(flood.size() - closedByServer.size())
          .as("connections the metrics server holds at once")
          .isLessThanOrEqualTo(MetricsServer.MAX_CONNECTIONS);
    } finally {
      for (Socket socket : flood) {
        socket.close();
      }
    }
    HttpClient client = HttpClient.newHttpClient();
    URI metrics = URI.create("http://127.0.0.1:" + port + MetricsServer.PATH);
    Await.until(
        () -> {
          try {
            return client
                    .send(
                        HttpRequest.newBuilder(metrics).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .statusCode()
                == 200;
          } catch (IOException e) {
            return false;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        },
        "a scrape answers once the flood has gone",
        Duration.ofSeconds(30));
  }

  @Test
  void aHeadTrickledByteByByteIsCutOffAfterTenSeconds() throws Exception {
    try (Socket socket =
        new Socket(InetAddress.getLoopbackAddress(), server.server.metricsPort().orElseThrow())) {
      long start = System.nanoTime();
      byte[] trickle = "GET /metrics HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
      boolean cutOff = false;
      for (int i = 0; i < 120 && !cutOff; i++) {
        try {
          socket.getOutputStream().write(trickle[Math.min(i, trickle.length - 1)]);
          socket.getOutputStream().flush();
          Thread.sleep(250);
        } catch (IOException closed) {
          cutOff = true;
        }
        if (!cutOff) {
          socket.setSoTimeout(1);
          try {
            cutOff = socket.getInputStream().read() < 0;
          } catch (SocketTimeoutException stillOpen) {
            // the server still waits for the head
          } catch (IOException reset) {
            cutOff = true;
          }
        }
      }
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertThat(cutOff)
          .as("the server closed a head that never ended (30 s of trickling)")
          .isTrue();
      assertThat(seconds).as("closed after the head's 10 s, not per byte").isBetween(9L, 25L);
    }
  }

  @Test
  void bytesThatAreNotAnHttpRequestGetA400() throws Exception {
    try (Socket socket =
        new Socket(InetAddress.getLoopbackAddress(), server.server.metricsPort().orElseThrow())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write("\u0000\u00ff nonsense\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 400 ");
    }
  }

  @Test
  void aHeadOverEightKibibytesIsRefused() throws Exception {
    int port = server.server.metricsPort().orElseThrow();
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET /metrics HTTP/1.1\r\nX-Long: " + "a".repeat(9000) + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 431 ");
    }
  }

  /** Each sample line of {@code name} (not its _bucket, _sum or _count), less the name. */
  private static List<String> samples(String name) {
    return scrape
        .lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .map(line -> line.substring(name.length()))
        .toList();
  }
}
