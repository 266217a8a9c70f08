package dev.sesbinding.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.core.ses.SesBinding;
import dev.sesbinding.core.ses.SesBindingOptions;
import dev.sesbinding.grpc.PluggableComponent;
import dev.sesbinding.serving.InvocationPipeline;
import dev.sesbinding.testing.FaultySes;
import dev.sesbinding.testing.MotoServer;
import dev.sesbinding.testing.ServerProcess;
import dev.sesbinding.testing.SesEmulator;
import dev.sesbinding.testing.SesReply;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ses-binding-conformance.jar} as a CI job runs it: as its own process, against the built
 * server over HTTP and gRPC and as a pluggable component, each sending to a moto the suite reads
 * back (and whose sender the suite verifies itself); and against broken targets, which it must
 * fail, naming the cases.
 */
class ConformanceJarIT {
  private static final Pattern GRPC_PORT = Pattern.compile("grpc://127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern SOCKET = Pattern.compile("on unix://(\\S+)");

  @RegisterExtension static final MotoServer MOTO = MotoServer.create();
  @TempDir static Path folder;
  private static final List<ServerProcess> SERVERS = new ArrayList<>();
  private static int httpPort;
  private static int grpcPort;

  /** The suite's own component, for the moto of this test, as a user deploys it. */
  private static String component() throws IOException {
    String yaml =
        new String(
            ConformanceJarIT.class
                .getResourceAsStream("/dev/sesbinding/conformance/aws-ses.yaml")
                .readAllBytes(),
            StandardCharsets.UTF_8);
    return yaml.replace("${{SES_REGION}}", SesEmulator.REGION)
        .replace("${{SES_ENDPOINT}}", MOTO.endpoint().toString())
        .replace("${{SES_ACCESS_KEY}}", SesEmulator.ACCESS_KEY)
        .replace("${{SES_SECRET_KEY}}", SesEmulator.SECRET_KEY)
        .replace("${{SES_SENDER}}", "conformance@example.com");
  }

  @BeforeAll
  static void startServer() throws Exception {
    Files.writeString(folder.resolve("ses.yaml"), component());
    ServerProcess server =
        ServerProcess.start(
            ServerProcess.jarCommand(ServerJarBinding.JAR, folder, List.of()),
            ServerProcess.SES_BINDING_READY);
    SERVERS.add(server);
    httpPort = server.port();
    Matcher grpc =
        server.output().stream()
            .map(GRPC_PORT::matcher)
            .filter(Matcher::find)
            .findFirst()
            .orElseThrow();
    grpcPort = Integer.parseInt(grpc.group(1));
  }

  @AfterAll
  static void stopServers() throws Exception {
    for (ServerProcess server : SERVERS) {
      server.terminate(Duration.ofSeconds(30));
      server.close();
    }
  }

  private static ConformanceJarRun conformance(Map<String, String> env, String... args)
      throws Exception {
    return ConformanceJarRun.of(env, args);
  }

  private static String[] onMoto(String... target) {
    return ConformanceJarRun.onMoto(MOTO.endpoint(), target);
  }

  @Test
  void overHttpEveryCasePassesAndTheReportNamesThem(@TempDir Path reports) throws Exception {
    List<String> args = new ArrayList<>(List.of(onMoto("--http", "http://127.0.0.1:" + httpPort)));
    args.addAll(List.of("--reports", reports.toString()));

    ConformanceJarRun run = conformance(Map.of(), args.toArray(String[]::new));

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("PASS  ses (bindings.aws.ses) through the HTTP endpoint")
        .contains("> create: delivered with From, To, Cc, Bcc, subject and HTML body as sent")
        .contains("24 passed, 0 failed, 0 skipped");
    assertThat(Files.readString(reports.resolve("TEST-ses-binding-conformance.xml")))
        .contains("name=\"error: emailTo missing\"")
        .contains("tests=\"24\" failures=\"0\"");
  }

  @Test
  void overGrpcEveryCasePasses() throws Exception {
    ConformanceJarRun run = conformance(Map.of(), onMoto("--grpc", "127.0.0.1:" + grpcPort));

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("24 passed, 0 failed, 0 skipped");
  }

  @Test
  void onThePluggableComponentSocketEveryCasePasses(@TempDir Path sockets) throws Exception {
    ServerProcess component =
        ServerProcess.start(
            ServerProcess.javaJar(
                ServerJarBinding.JAR,
                List.of(),
                List.of(
                    "--pluggable",
                    "ses-binding",
                    "--components-socket-folder",
                    sockets.toString())),
            SOCKET);
    SERVERS.add(component);

    ConformanceJarRun run = conformance(Map.of(), onMoto("--socket", component.ready()));

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("through the pluggable component on " + component.ready())
        .contains("24 passed, 0 failed, 0 skipped");
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The request with its {@code metadata.emailCc} removed, as JSON (a regular expression left a
   * dangling comma when the key came last, and metadata's order changes from run to run).
   */
  private static String withoutCc(byte[] body) throws IOException {
    if (body.length == 0) {
      return "";
    }
    JsonNode request = JSON.readTree(body);
    if (request.get("metadata") instanceof ObjectNode metadata) {
      metadata.remove("emailCc");
    }
    return JSON.writeValueAsString(request);
  }

  @Test
  void aServerThatDropsCcFailsNamingTheCase() throws Exception {
    HttpServer dropsCc =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    HttpClient client = HttpClient.newHttpClient();
    dropsCc.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String text = withoutCc(body);
          HttpRequest.Builder forward =
              HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + httpPort + exchange.getRequestURI()));
          forward.method(
              exchange.getRequestMethod(),
              body.length == 0
                  ? HttpRequest.BodyPublishers.noBody()
                  : HttpRequest.BodyPublishers.ofString(text));
          try {
            HttpResponse<byte[]> answer =
                client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer
                .headers()
                .firstValue("Content-Type")
                .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
            exchange.sendResponseHeaders(
                answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(answer.body());
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
          }
        });
    dropsCc.start();
    try {
      ConformanceJarRun run =
          conformance(
              Map.of(), onMoto("--http", "http://127.0.0.1:" + dropsCc.getAddress().getPort()));

      assertThat(run.exit()).as(run.output()).isEqualTo(1);
      assertThat(run.output())
          .containsPattern(
              "FAIL  ses \\(bindings.aws.ses\\) through the HTTP endpoint .* > create: delivered with"
                  + " From, To, Cc, Bcc, subject and HTML body as sent: ");
    } finally {
      dropsCc.stop(0);
    }
  }

  @Test
  void aComponentThatAnswersTheWrongCodeFailsNamingTheCases(@TempDir Path sockets)
      throws Exception {
    // Every failure of a real binding comes back as UNAVAILABLE, whatever its kind.
    PluggableComponent wrong =
        PluggableComponent.start(
            sockets.resolve("wrong.sock"),
            PluggableComponent.DEFAULT_SOCKET_MODE,
            (name, properties) ->
                SesBinding.init(
                        ComponentMetadata.of(name, SesBinding.TYPE, "v1", properties),
                        SesBindingOptions.builder().build())
                    .thenApply(ConformanceJarIT::everyFailureUnavailable),
            InvocationPipeline.builder());
    try {
      ConformanceJarRun run = conformance(Map.of(), onMoto("--socket", wrong.socket().toString()));

      assertThat(run.exit()).as(run.output()).isEqualTo(1);
      assertThat(run.output())
          .contains("> error: emailTo missing: ")
          .contains("FAIL  ses (bindings.aws.ses) through the pluggable component on ");
    } finally {
      wrong.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static OutputBinding everyFailureUnavailable(SesBinding binding) {
    return new OutputBinding() {
      @Override
      public Set<String> operations() {
        return binding.operations();
      }

      @Override
      public CompletionStage<InvokeResponse> invoke(InvokeRequest request) {
        return binding
            .invoke(request)
            .exceptionallyCompose(
                failure ->
                    CompletableFuture.failedFuture(
                        new BindingException(BindingException.Kind.UNAVAILABLE, "it failed")));
      }

      @Override
      public void close() {
        binding.close();
      }
    };
  }

  @Test
  void againstRealSesAnUnverifiedSenderIsSaidInPlainWords() throws Exception {
    try (FaultySes ses = FaultySes.start()) {
      ses.always(
          SesReply.error(
              400,
              "MessageRejected",
              "Email address is not verified. The following identities failed the check in region"
                  + " EU-WEST-1: conformance@example.com"));

      ConformanceJarRun run =
          conformance(
              Map.of(
                  "SES_REGION", SesEmulator.REGION,
                  "SES_ACCESS_KEY", SesEmulator.ACCESS_KEY,
                  "SES_SECRET_KEY", SesEmulator.SECRET_KEY,
                  "SES_SENDER", "conformance@example.com"),
              "--in-process",
              "--backend",
              "external",
              "--backend-endpoint",
              ses.endpoint().toString(),
              "--readback",
              "none");

      assertThat(run.exit()).as(run.output()).isEqualTo(1);
      assertThat(run.output())
          .contains("note: against real SES, the sender the components use (SES_SENDER)")
          .containsPattern("FAIL  .* > create: .*not verified")
          .contains(
              "in plain words: SES refused the email because an address is not a verified"
                  + " identity of the account");
    }
  }

  @Test
  void badUsageExitsTwoSayingWhy() throws Exception {
    ConformanceJarRun run = conformance(Map.of(), "--grpc", "no-port");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.output())
        .contains("--grpc takes HOST:PORT, such as 127.0.0.1:50001, not no-port");
  }
}
