package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.testing.Daprd;
import dev.sesbinding.testing.FaultySes;
import dev.sesbinding.testing.SesReply;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real daprd's resiliency policy retrying a send through the pluggable component: daprd gives
 * up on the first attempt after 1 s while SES takes 3 s, and retries with the same {@code
 * idempotencyKey}; the retries wait for the first send and answer its message id, and SES sees one
 * send.
 */
class DaprdIdempotencyIT {
  private static final String RESILIENCY =
      """
      apiVersion: dapr.io/v1alpha1
      kind: Resiliency
      metadata:
        name: ses-retries
      spec:
        policies:
          timeouts:
            short: 1s
          retries:
            again:
              policy: constant
              duration: 500ms
              maxRetries: 20
        targets:
          components:
            ses-email:
              outbound:
                timeout: short
                retry: again
      """;

  @TempDir Path folder;
  private PluggableDeployment deployment;
  private FaultySes ses;

  @AfterEach
  void stop() throws Exception {
    if (deployment != null) {
      deployment.stop();
    }
    if (ses != null) {
      ses.close();
    }
  }

  @Test
  void daprdsRetriesOfASendItTimedOutGetTheFirstSendsIdAndSesSeesOneSend() throws Exception {
    Optional<Path> binary = Daprd.binary();
    Assumptions.assumeTrue(binary.isPresent(), Daprd.missing());
    ses = FaultySes.start();
    ses.next(SesReply.success("first-and-only").after(Duration.ofSeconds(3)));
    deployment =
        PluggableDeployment.prepare(binary.get(), folder, ses.endpoint(), List.of())
            .exampleSecrets(DaprdPluggableIT.SECRET);
    Files.writeString(deployment.resources().resolve("resiliency.yaml"), RESILIENCY);
    deployment.startComponent();
    deployment.startDaprd();

    HttpResponse<String> answer =
        DaprdPluggableIT.post(
            deployment.daprd().http(),
            "ses-email",
            "{\"operation\":\"create\",\"data\":\"<p>Receipt 42</p>\",\"metadata\":{\"emailTo\":"
                + "\"ana@example.com\",\"subject\":\"Receipt\",\"idempotencyKey\":\"order-42\"}}");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("{\"messageId\":\"first-and-only\"}");
    assertThat(answer.headers().firstValue("Metadata.idempotencyreplay")).contains("true");
    assertThat(ses.attempts()).as("SES saw one send").isEqualTo(1);
  }
}
