package dev.sesbinding.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.testing.Daprd;
import dev.sesbinding.testing.MotoServer;
import dev.sesbinding.testing.ServerProcess;
import dev.sesbinding.testing.SesEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance jar, one command line each, against real Dapr deployments on moto: daprd fronting
 * this project's pluggable component (sending in us-east-1, while the suite's own region is
 * eu-west-1), and daprd's built-in {@code bindings.aws.ses}; and the compatibility table of {@code
 * docs/conformance.md}, produced from the runs, beside the server's own.
 */
class DaprdConformanceJarIT {
  private static final Pattern GRPC_PORT = Pattern.compile("grpc://127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern SOCKET = Pattern.compile("on unix://(\\S+)");
  private static final Pattern REPORTED_CASE =
      Pattern.compile(
          "<testcase classname=\"[^\"]*\" name=\"([^\"]*)\"(/>|>\\s*<(failure|skipped)"
              + " message=\"(NOT OFFERED: )?)");

  @RegisterExtension static final MotoServer MOTO = MotoServer.create();
  @TempDir static Path folder;
  private static final List<ServerProcess> PROCESSES = new ArrayList<>();
  private static final List<Daprd> DAPRDS = new ArrayList<>();
  private static Daprd withComponent;
  private static Daprd builtIn;
  private static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    Optional<Path> binary = Daprd.binary();
    Assumptions.assumeTrue(binary.isPresent(), Daprd.missing());
    Path sockets = Files.createDirectories(folder.resolve("sockets"));
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
    PROCESSES.add(component);
    withComponent =
        Daprd.builder(binary.get(), "with-component")
            .resourcesPath(components("plug", "bindings.ses-binding", "us-east-1", true))
            .socketsFolder(sockets)
            .start();
    DAPRDS.add(withComponent);
    builtIn =
        Daprd.builder(binary.get(), "built-in")
            .resourcesPath(components("builtin", "bindings.aws.ses", "us-west-2", false))
            .environment("AWS_ENDPOINT_URL_SES", MOTO.endpoint().toString())
            .start();
    DAPRDS.add(builtIn);
    server =
        ServerProcess.start(
            ServerProcess.jarCommand(
                ServerJarBinding.JAR,
                components("server", "bindings.aws.ses", SesEmulator.REGION, true),
                List.of()),
            ServerProcess.SES_BINDING_READY);
    PROCESSES.add(server);
  }

  @AfterAll
  static void stop() throws Exception {
    for (Daprd daprd : DAPRDS) {
      daprd.terminate(Duration.ofSeconds(30));
      daprd.close();
    }
    for (ServerProcess process : PROCESSES) {
      process.terminate(Duration.ofSeconds(30));
      process.close();
    }
  }

  /**
   * A folder with the suite's component {@code ses} of {@code type}, sending in {@code region};
   * with the {@code endpoint} key, or (daprd's own binding has none) through daprd's environment.
   */
  private static Path components(String name, String type, String region, boolean endpoint)
      throws IOException {
    String yaml =
        "apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: ses\nspec:\n  type: "
            + type
            + "\n  version: v1\n  metadata:\n  - name: region\n    value: "
            + region
            + "\n"
            + (endpoint ? "  - name: endpoint\n    value: " + MOTO.endpoint() + "\n" : "")
            + "  - name: accessKey\n    value: "
            + SesEmulator.ACCESS_KEY
            + "\n  - name: secretKey\n    value: "
            + SesEmulator.SECRET_KEY
            + "\n  - name: emailFrom\n    value: \"Conformance Suite <conformance@example.com>\"\n";
    Path resources = Files.createDirectories(folder.resolve(name));
    Files.writeString(resources.resolve("ses.yaml"), yaml);
    return resources;
  }

  /** The jar's exit code, every line it printed, and its JUnit XML report. */
  private record Run(int exit, String output, String report) {
    /** Each case's outcome (PASS, FAIL, SKIP, NOT OFFERED), by case name, in order. */
    Map<String, String> outcomes() {
      Map<String, String> outcomes = new LinkedHashMap<>();
      Matcher reported = REPORTED_CASE.matcher(report);
      while (reported.find()) {
        String outcome =
            reported.group(3) == null
                ? "PASS"
                : reported.group(3).equals("skipped")
                    ? "SKIP"
                    : reported.group(4) == null ? "FAIL" : "NOT OFFERED";
        outcomes.put(reported.group(1).replace("&quot;", "\""), outcome);
      }
      return outcomes;
    }
  }

  private static Run conformance(String... target) throws Exception {
    Path reports = Files.createTempDirectory(folder, "reports");
    List<String> args = new ArrayList<>(List.of(target));
    args.addAll(List.of("--reports", reports.toString()));
    ConformanceJarRun run =
        ConformanceJarRun.of(
            Map.of(), ConformanceJarRun.onMoto(MOTO.endpoint(), args.toArray(String[]::new)));
    Path report = reports.resolve("TEST-ses-binding-conformance.xml");
    return new Run(run.exit(), run.output(), Files.exists(report) ? Files.readString(report) : "");
  }

  private static String grpc(ServerProcess server) {
    return server.output().stream()
        .map(GRPC_PORT::matcher)
        .filter(Matcher::find)
        .findFirst()
        .orElseThrow()
        .group(1);
  }

  @Test
  void daprdFrontingTheComponentPassesEveryCaseOverHttpInAnotherRegion() throws Exception {
    Run run = conformance("--http", withComponent.http().toString());

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("serves ses as bindings.ses-binding; its errors: daprd's")
        .contains("24 passed, 0 failed, 0 skipped");
  }

  @Test
  void daprdFrontingTheComponentPassesEveryCaseOverGrpc() throws Exception {
    Run run = conformance("--grpc", "127.0.0.1:" + withComponent.grpcPort());

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("24 passed, 0 failed, 0 skipped");
  }

  /**
   * The built-in daprd's HTTP address, once it is known to run: when it has exited, the failure
   * shows its last output rather than a refused connection.
   */
  private static String builtInHttp() {
    List<String> output = builtIn.output();
    assertThat(builtIn.isAlive())
        .as(
            "daprd with its built-in binding still runs; its last output:%n%s",
            String.join("\n", output.subList(Math.max(0, output.size() - 20), output.size())))
        .isTrue();
    return builtIn.http().toString();
  }

  @Test
  void daprdsBuiltInBindingPassesProfileDapr() throws Exception {
    Run run = conformance("--http", builtInHttp(), "--profile", "dapr");

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("serves ses as bindings.aws.ses; its errors: daprd's")
        .contains("PASS  ses (bindings.aws.ses) through the HTTP endpoint")
        .contains("> create: delivered with From, To, Cc, Bcc, subject and HTML body as sent")
        .contains("> error: emailTo missing\n")
        .contains("12 passed, 0 failed, 12 skipped");
  }

  @Test
  void daprdsBuiltInBindingFailsProfileSesBindingNamingOnlyWhatItDoesNotOffer() throws Exception {
    Run run = conformance("--http", builtInHttp());

    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    assertThat(run.outcomes())
        .containsEntry("create: from an SES template", "NOT OFFERED")
        .containsEntry("error: line break in the subject", "NOT OFFERED")
        .containsEntry(
            "create: delivered with From, To, Cc, Bcc, subject and HTML body as sent", "PASS")
        .doesNotContainValue("FAIL");
    assertThat(run.output())
        .contains("not offered: the SES message id in the response (beyond Dapr's binding)");
  }

  @Test
  void docsShowTheCompatibilityTableTheRunsProduce() throws Exception {
    Map<String, Run> runs = new LinkedHashMap<>();
    runs.put("server, HTTP", conformance("--http", "http://127.0.0.1:" + server.port()));
    runs.put("server, gRPC", conformance("--grpc", "127.0.0.1:" + grpc(server)));
    runs.put("daprd + component, HTTP", conformance("--http", withComponent.http().toString()));
    runs.put(
        "daprd + component, gRPC", conformance("--grpc", "127.0.0.1:" + withComponent.grpcPort()));
    runs.put("daprd 1.18.3 built-in, HTTP", conformance("--http", builtInHttp()));
    runs.put(
        "daprd 1.18.3 built-in, HTTP, `--profile dapr`",
        conformance("--http", builtInHttp(), "--profile", "dapr"));

    String table =
        CompatibilityTable.of(runs.keySet(), runs.values().stream().map(Run::outcomes).toList());

    assertThat(Files.readString(Path.of("..", "docs", "conformance.md")))
        .as("docs/conformance.md holds the table the runs produce:%n%s", table)
        .contains(table);
  }
}
