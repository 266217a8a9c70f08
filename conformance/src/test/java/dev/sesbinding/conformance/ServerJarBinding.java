package dev.sesbinding.conformance;

import dev.sesbinding.conformance.binding.ServerBinding;
import dev.sesbinding.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The built server jar, started as its own process with the component's YAML, and reached over
 * HTTP.
 */
// close() may wait for a server to stop, and so may be interrupted: callers close on their own
// thread.
@SuppressWarnings("try")
final class ServerJarBinding extends ServerBinding {
  static final Path JAR =
      Path.of("..", "server", "target", "ses-binding-server.jar").toAbsolutePath().normalize();

  private ServerProcess server;

  @Override
  public void init(ConformanceComponent component) throws Exception {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          JAR + " is missing: build it with ./mvnw -pl server -am package -DskipTests");
    }
    Path folder = Files.createTempDirectory("ses-binding-jar-");
    Files.writeString(folder.resolve(component.name() + ".yaml"), component.yaml());
    server =
        ServerProcess.start(
            ServerProcess.jarCommand(JAR, folder, List.of()), ServerProcess.SES_BINDING_READY);
    connect(server.port(), component);
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      server.terminate(Duration.ofSeconds(30));
      server.close();
    }
  }

  @Override
  public String toString() {
    return "the server jar (java -jar ses-binding-server.jar, over HTTP)";
  }
}
