package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.serving.InstanceRegistry;
import dev.sesbinding.testing.Await;
import dev.sesbinding.testing.Daprd;
import dev.sesbinding.testing.MotoServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The component and the real daprd stopped and started under each other, as orchestrators do, and a
 * component file changed while daprd runs (hot reload): what the app sees before and after, over
 * daprd's HTTP API, with moto as SES.
 */
class DaprdRestartsIT {
  private static final String SHIPPED =
      "{\"operation\":\"create\",\"data\":\"<p>Shipped</p>\",\"metadata\":"
          + "{\"emailTo\":\"ana@example.com\",\"subject\":\"Shipped\"}}";

  @RegisterExtension static final MotoServer MOTO = MotoServer.create();
  private static Path daprdBinary;
  @TempDir Path folder;
  private PluggableDeployment deployment;

  @BeforeAll
  static void findDaprd() {
    Optional<Path> binary = Daprd.binary();
    Assumptions.assumeTrue(binary.isPresent(), Daprd.missing());
    daprdBinary = binary.get();
    MOTO.verifySender("orders@example.com");
  }

  @AfterEach
  void stop() throws Exception {
    if (deployment != null) {
      deployment.stop();
    }
  }

  private void start(String... componentFlags) throws Exception {
    deployment =
        PluggableDeployment.prepare(daprdBinary, folder, MOTO.endpoint(), List.of(componentFlags))
            .exampleSecrets(DaprdPluggableIT.SECRET);
    deployment.startComponent();
    deployment.startDaprd();
  }

  private HttpResponse<String> send() throws Exception {
    try {
      return DaprdPluggableIT.post(deployment.daprd().http(), "ses-email", SHIPPED);
    } catch (java.net.ConnectException e) {
      throw new AssertionError(
          "daprd refused the connection (alive: "
              + deployment.daprd().isAlive()
              + "); its last lines: "
              + tail(deployment.daprd().output()),
          e);
    }
  }

  private static List<String> tail(List<String> lines) {
    return lines.subList(Math.max(0, lines.size() - 15), lines.size());
  }

  private void assertDelivered(HttpResponse<String> answer) throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(MOTO.message(DaprdPluggableIT.messageId(answer.body())).to())
        .containsExactly("ana@example.com");
  }

  /**
   * Sends until daprd has dialled the socket again (gRPC's reconnect backoff answers Unavailable
   * meanwhile); the first answer that is not that.
   */
  private HttpResponse<String> sendOnceDaprdRedialled() throws Exception {
    List<HttpResponse<String>> answer = new java.util.ArrayList<>(List.of(send()));
    Await.until(
        () -> {
          if (!answer.get(0).body().contains("code = Unavailable")) {
            return true;
          }
          answer.set(0, sendUnchecked());
          return false;
        },
        "daprd dialled the restarted component's socket",
        Duration.ofSeconds(60));
    return answer.get(0);
  }

  private HttpResponse<String> sendUnchecked() {
    try {
      return send();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean sendsWithTheNewCc() {
    HttpResponse<String> answer = sendUnchecked();
    try {
      return answer.statusCode() == 200
          && MOTO.message(DaprdPluggableIT.messageId(answer.body()))
              .cc()
              .contains("audit@example.com");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void daprdStoppedFirstExitsCleanlyAndTheNextDaprdSendsThroughTheSameComponent() throws Exception {
    start();
    assertDelivered(send());

    assertThat(deployment.stopDaprd()).as("daprd's exit on SIGTERM").isZero();
    assertThat(deployment.component().isAlive()).isTrue();
    deployment.startDaprd();

    assertDelivered(send());
    assertThat(deployment.component().output())
        .anyMatch(line -> line.contains("component instance ses-email initialised again"));
  }

  @Test
  void theComponentRestartedWhileDaprdRunsIsRefusedLoudlyUntilDaprdRestarts() throws Exception {
    start();
    assertDelivered(send());

    assertThat(deployment.stopComponent()).as("the JVM's exit on SIGTERM").isEqualTo(143);
    HttpResponse<String> whileDown = send();
    deployment.startComponent();
    HttpResponse<String> afterRestart = sendOnceDaprdRedialled();
    HttpResponse<String> again = send();

    assertThat(whileDown.statusCode()).isEqualTo(500);
    assertThat(whileDown.body())
        .contains("rpc error: code = Unavailable desc = connection error")
        .contains("ses-binding.sock: connect: no such file or directory");
    assertThat(afterRestart.statusCode()).isEqualTo(500);
    assertThat(afterRestart.body())
        .contains(
            "error invoking output binding ses-email: rpc error: code = FailedPrecondition desc = "
                + InstanceRegistry.NOT_INITIALISED);
    assertThat(again.body()).isEqualTo(afterRestart.body());
    assertThat(deployment.component().output())
        .as("one warning, not one per call")
        .filteredOn(line -> line.contains("daprd called component instance ses-email"))
        .hasSize(1);

    deployment.stopDaprd();
    deployment.startDaprd();
    assertDelivered(send());
  }

  @Test
  void aComponentThatRemembersItsInstancesServesDaprdAtOnceAfterARestart() throws Exception {
    Path memory = folder.resolve("remembered");
    start("--remember-instances", memory.toString());
    assertDelivered(send());

    deployment.stopComponent();
    deployment.startComponent();

    assertDelivered(sendOnceDaprdRedialled());
    assertThat(deployment.component().output())
        .anyMatch(line -> line.contains("ses-email initialised from what it remembered"))
        .noneMatch(line -> line.contains(DaprdPluggableIT.SECRET));
    Path file = memory.resolve("ses-binding.instances.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aComponentFileChangedWhileDaprdRunsIsInitialisedAgainWithItsNewMetadata() throws Exception {
    start();
    assertThat(MOTO.message(DaprdPluggableIT.messageId(send().body())).cc()).isEmpty();
    Path file = deployment.resources().resolve("ses-email.yaml");

    Files.writeString(
        file,
        Files.readString(file)
            .replace(
                "  metadata:\n  - name: region",
                "  metadata:\n  - name: emailCc\n    value: audit@example.com\n  - name: region"));

    Await.until(
        this::sendsWithTheNewCc,
        "daprd's hot reload initialised ses-email again, with emailCc",
        Duration.ofSeconds(60));
    assertThat(deployment.component().output())
        .anyMatch(line -> line.contains("component instance ses-email initialised again"));
  }
}
