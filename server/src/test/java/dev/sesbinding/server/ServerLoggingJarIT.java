package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's jar logs through {@code ServerLogging}, set up in code: its lines look as they did
 * with logback.xml, and none of logback's XML configurator (Joran) is loaded. A file named by
 * {@code -Dlogback.configurationFile} still wins.
 */
class ServerLoggingJarIT {
  private static final Path JAR = Readme.ROOT.resolve("server/target/ses-binding-server.jar");

  @TempDir Path folder;

  @Test
  void logsInItsOwnTextWithoutLoadingLogbacksXmlConfigurator() throws Exception {
    List<String> lines = runAndStop(List.of("-verbose:class"));

    assertThat(lines)
        .as("the ready line, in the server's text")
        .anyMatch(
            line ->
                line.matches(
                    "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  [\\w.]+ - .*ready on http://127\\.0\\.0\\.1:\\d+.*"));
    assertThat(lines)
        .as("classes loaded")
        .anyMatch(line -> line.contains("dev.sesbinding.server.logging.ServerLogging "))
        .noneMatch(
            line ->
                line.matches(".*ch\\.qos\\.logback\\.(core|classic)\\.(joran|model)\\..*")
                    // small shared types: ConsoleAppender's ConsoleTarget, JoranException
                    && !line.contains("ch.qos.logback.core.joran.spi."));
  }

  @Test
  void aLogbackFileNamedOnTheCommandLineWins() throws Exception {
    Path file = folder.resolve("mine.xml");
    Files.writeString(
        file,
        """
        <configuration>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>MINE %level %msg%n</pattern></encoder>
          </appender>
          <root level="INFO"><appender-ref ref="OUT"/></root>
        </configuration>
        """);

    List<String> lines = runAndStop(List.of("-Dlogback.configurationFile=" + file));

    assertThat(lines).anyMatch(line -> line.startsWith("MINE INFO ") && line.contains("ready on"));
  }

  private List<String> runAndStop(List<String> jvmFlags) throws Exception {
    Files.createDirectories(folder.resolve("components"));
    try (ServerProcess server =
        ServerProcess.start(
            ServerProcess.jarCommand(JAR, folder.resolve("components"), jvmFlags),
            ServerProcess.SES_BINDING_READY)) {
      assertThat(server.terminate(Duration.ofSeconds(30))).isEqualTo(143);
      return server.output();
    }
  }
}
