package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.testing.Daprd;
import dev.sesbinding.testing.FaultySes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real daprd fronting the pluggable component, and the server in its place, answer the same two
 * sends (one sent, one refused): the output binding series of daprd's scrape and of the server's
 * have the same names, label keys and buckets, so daprd's dashboards read either; and the
 * component's own scrape counts both calls as come in through daprd.
 */
class DaprdMetricsIT {
  private static final String SENT =
      "{\"operation\":\"create\",\"data\":\"<p>Receipt</p>\",\"metadata\":{\"emailTo\":"
          + "\"ana@example.com\",\"subject\":\"Receipt\"}}";
  private static final String REFUSED = "{\"operation\":\"create\",\"data\":\"<p>Receipt</p>\"}";
  private static final Pattern SAMPLE =
      Pattern.compile("(?m)^(dapr_component_output_binding_\\w+)\\{([^}]*)}");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"[^\"]*\"");
  private static final Pattern METRICS_LINE =
      Pattern.compile("metrics: http://127\\.0\\.0\\.1:(\\d+)/metrics");

  @TempDir Path folder;
  private PluggableDeployment deployment;
  private FaultySes ses;
  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    if (deployment != null) {
      deployment.stop();
    }
    if (server != null) {
      server.close();
    }
    if (ses != null) {
      ses.close();
    }
  }

  @Test
  void daprdsBindingSeriesAndTheServersHaveTheSameNamesLabelKeysAndBuckets() throws Exception {
    Optional<Path> binary = Daprd.binary();
    Assumptions.assumeTrue(binary.isPresent(), Daprd.missing());
    ses = FaultySes.start();
    ses.succeed();
    deployment =
        PluggableDeployment.prepare(binary.get(), folder, ses.endpoint(), List.of())
            .exampleSecrets(DaprdPluggableIT.SECRET);
    deployment.startComponent();
    deployment.startDaprd();
    assertThat(DaprdPluggableIT.post(deployment.daprd().http(), "ses-email", SENT).statusCode())
        .isEqualTo(200);
    assertThat(DaprdPluggableIT.post(deployment.daprd().http(), "ses-email", REFUSED).statusCode())
        .isEqualTo(500);
    server =
        TestServer.start(
            Files.createDirectories(folder.resolve("server")),
            Map.of(),
            List.of(TestServer.sesComponent("ses-email", ses.endpoint().toString())));
    assertThat(server.post("ses-email", SENT).statusCode()).isEqualTo(200);
    assertThat(server.post("ses-email", REFUSED).statusCode()).isEqualTo(400);

    String daprds = scrape(deployment.daprd().metrics());
    String ours =
        scrape(
            URI.create(
                "http://127.0.0.1:" + server.server.metricsPort().orElseThrow() + "/metrics"));

    assertThat(seriesShapes(ours)).isEqualTo(seriesShapes(daprds)).isNotEmpty();
    assertThat(buckets(ours)).isEqualTo(buckets(daprds)).hasSize(35);
    assertThat(ours)
        .contains(
            "dapr_component_output_binding_count{app_id=\"ses-binding\",component=\"ses-email\","
                + "namespace=\"\",operation=\"create\",success=\"true\"} 1")
        .contains(
            "dapr_component_output_binding_count{app_id=\"ses-binding\",component=\"ses-email\","
                + "namespace=\"\",operation=\"create\",success=\"false\"} 1");
    String component = scrape(componentMetrics());
    assertThat(component)
        .contains(
            "ses_binding_calls_total{app_id=\"ses-binding\",component=\"ses-email\","
                + "way_in=\"pluggable\",operation=\"create\",result=\"success\"} 1")
        .contains(
            "ses_binding_calls_total{app_id=\"ses-binding\",component=\"ses-email\","
                + "way_in=\"pluggable\",operation=\"create\",result=\"invalid_request\"} 1")
        .contains("ses_binding_ses_attempts_total{app_id=\"ses-binding\",component=\"ses-email\"");
  }

  /** The component's /metrics, from the line it logs at start. */
  private URI componentMetrics() {
    for (String line : deployment.component().output()) {
      Matcher port = METRICS_LINE.matcher(line);
      if (port.find()) {
        return URI.create("http://127.0.0.1:" + port.group(1) + "/metrics");
      }
    }
    throw new AssertionError("no metrics line in " + deployment.component().output());
  }

  /** Each output binding series' name and sorted label keys (bucket bounds left out). */
  private static Set<String> seriesShapes(String scrape) {
    Set<String> shapes = new TreeSet<>();
    Matcher sample = SAMPLE.matcher(scrape);
    while (sample.find()) {
      Set<String> keys = new TreeSet<>();
      Matcher label = LABEL.matcher(sample.group(2));
      while (label.find()) {
        keys.add(label.group(1));
      }
      shapes.add(sample.group(1) + keys);
    }
    return shapes;
  }

  /** The latency histogram's bounds, in order of first appearance. */
  private static List<String> buckets(String scrape) {
    return Arrays.stream(
            scrape
                .lines()
                .filter(line -> line.startsWith("dapr_component_output_binding_latencies_bucket"))
                .map(line -> line.replaceAll(".*le=\"([^\"]+)\".*", "$1"))
                .distinct()
                .toArray(String[]::new))
        .toList();
  }

  private static String scrape(URI metrics) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
