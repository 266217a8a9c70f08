package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.testing.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start, as written: its run command starts the built jar (on a free port
 * instead of 3500), its {@code curl} sends an email and its second {@code curl} finds it in the
 * outbox; SIGTERM then exits 0.
 */
class ServerJarIT {

  private ServerProcess server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private int startServer() throws Exception {
    List<String> command = new ArrayList<>(Readme.javaCommand());
    command.addAll(List.of("--dapr-http-port", "0", "--dapr-grpc-port", "0"));
    server =
        ServerProcess.start(
            new ProcessBuilder(command).directory(Readme.ROOT.toFile()),
            ServerProcess.SES_BINDING_READY);
    return server.port();
  }

  private static String shell(String line) throws Exception {
    Process curl = new ProcessBuilder("bash", "-c", line).redirectErrorStream(true).start();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void theJarPrintsTheProjectsVersion() throws Exception {
    List<String> command = new ArrayList<>(Readme.javaCommand());
    command.add("--version");

    Process version =
        new ProcessBuilder(command)
            .directory(Readme.ROOT.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(version.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(version.exitValue()).isZero();
    assertThat(out).isEqualTo("ses-binding " + System.getProperty("project.version", "") + "\n");
  }

  @Test
  void readmeRunCommandServesTheReadmeCurlsAndSigtermExitsZero() throws Exception {
    List<String> lines = Readme.shellLines();
    List<String> curls = lines.stream().filter(line -> line.startsWith("curl ")).toList();
    assertThat(curls).hasSize(2);

    int port = startServer();
    String sent = shell(curls.get(0).replace("127.0.0.1:3500", "127.0.0.1:" + port));
    String outbox = shell(curls.get(1).replace("127.0.0.1:3500", "127.0.0.1:" + port));

    Matcher messageId = Pattern.compile("\\{\"messageId\":\"(outbox-[0-9a-f-]+)\"}").matcher(sent);
    assertThat(messageId.find()).as("send answered %s", sent).isTrue();
    assertThat(outbox)
        .contains(messageId.group(1))
        .contains("ana@example.com")
        .contains("ben@example.com")
        .contains("\"subject\":\"Welcome\"")
        .contains("<h1>Hello</h1>");

    assertThat(shell("curl -s http://127.0.0.1:" + port + "/outbox/"))
        .as("the README's dev inbox")
        .contains("<title>Dev inbox · ses-binding</title>");
    assertThat(server.output())
        .anyMatch(line -> line.contains("dev inbox: http://127.0.0.1:" + port + "/outbox/"));

    assertThat(server.terminate(Duration.ofSeconds(30)))
        .as("the JVM's exit code after SIGTERM (128 + 15), every shutdown hook run")
        .isEqualTo(143);
    List<String> output = server.output();
    String stopped = String.join("\n", output.subList(output.size() - 2, output.size()));
    assertThat(stopped).contains("ses-binding stopping").contains("ses-binding stopped");
  }
}
