package dev.sesbinding.conformance;

import dev.sesbinding.conformance.binding.ServerBinding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The built server jar, started as its own process with the component's YAML, and reached over HTTP. */
final class ServerJarBinding extends ServerBinding {
  // close() may wait for the process, so it declares Exception like the interface.
  static final Path JAR = Path.of("..", "http-adapter", "target", "ses-binding-server.jar").toAbsolutePath().normalize();
  private static final Pattern READY = Pattern.compile("ready on http://127\\.0\\.0\\.1:(\\d+)");

  private Process process;

  @Override
  public void init(ConformanceComponent component) throws Exception {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: build it with ./mvnw -pl http-adapter -am package");
    }
    Path folder = Files.createTempDirectory("ses-binding-jar-");
    Files.writeString(folder.resolve(component.name() + ".yaml"), component.yaml());
    process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        JAR.toString(), "--resources-path", folder.toString(), "--dapr-http-port", "0")
        .redirectErrorStream(true).start();
    connect(awaitPort(), component);
  }

  private int awaitPort() throws InterruptedException {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        out.lines().forEach(lines::add);
      } catch (IOException e) {
        lines.add("read failed: " + e);
      }
    }, "server-jar-output");
    reader.setDaemon(true);
    reader.start();
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && (process.isAlive() || !lines.isEmpty())) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null) {
        seen.add(line);
        Matcher ready = READY.matcher(line);
        if (ready.find()) {
          return Integer.parseInt(ready.group(1));
        }
      }
    }
    throw new IllegalStateException("the server jar did not get ready: " + seen);
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Override
  public String toString() {
    return "the server jar (java -jar ses-binding-server.jar, over HTTP)";
  }
}
