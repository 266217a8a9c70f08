package dev.sesbinding.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server started as its own process, ready once it logs the line that names its port. Its output
 * is kept, and {@link #terminate} stops it with SIGTERM the way an orchestrator does (not {@code
 * Process.destroy()}, which also closes our end of the pipes and loses the server's last lines).
 */
public final class ServerProcess implements AutoCloseable {
  /** The line the ses-binding server logs when it listens on 127.0.0.1; group 1 is the port. */
  public static final Pattern SES_BINDING_READY =
      Pattern.compile("ready on http://127\\.0\\.0\\.1:(\\d+)");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Thread reader;
  private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
  private final List<String> output = new ArrayList<>();
  private final String ready;

  private ServerProcess(Process process, Pattern readyLine) throws InterruptedException {
    this.process = process;
    this.reader = new Thread(this::readOutput, "server-process-output");
    reader.setDaemon(true);
    reader.start();
    this.ready = awaitReady(readyLine);
  }

  /** The server's variable for {@code --metrics-port}, as daprd's. */
  public static final String METRICS_PORT_ENV = "DAPR_METRICS_PORT";

  /** The ses-binding server jar as this JVM's {@code java} would run it, with these flags. */
  public static ProcessBuilder javaJar(Path jar, List<String> jvmFlags, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(args);
    return new ProcessBuilder(command);
  }

  /**
   * The ses-binding server jar as this JVM's {@code java} would run it, with {@code jvmFlags}, the
   * component files of {@code resourcesPath}, and free HTTP and gRPC ports.
   */
  public static ProcessBuilder jarCommand(Path jar, Path resourcesPath, List<String> jvmFlags) {
    return javaJar(
        jar,
        jvmFlags,
        List.of(
            "--resources-path",
            resourcesPath.toString(),
            "--dapr-http-port",
            "0",
            "--dapr-grpc-port",
            "0"));
  }

  /**
   * Starts {@code builder} (its error stream merged into its output) and waits until a line matches
   * {@code readyLine}, whose first group is the port (or what else {@link #ready()} gives).
   *
   * @throws IllegalStateException with every line seen, when the process ends or 60 s pass first
   */
  public static ServerProcess start(ProcessBuilder builder, Pattern readyLine)
      throws IOException, InterruptedException {
    // metrics on a free port, unless the test says otherwise (a flag wins over the variable)
    builder.environment().putIfAbsent(METRICS_PORT_ENV, "0");
    Process process = builder.redirectErrorStream(true).start();
    try {
      return new ServerProcess(process, readyLine);
    } catch (RuntimeException | InterruptedException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private void readOutput() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      lines.lines().forEach(unread::add);
    } catch (IOException e) {
      unread.add("read failed: " + e);
    }
  }

  private String awaitReady(Pattern readyLine) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline && (process.isAlive() || !unread.isEmpty())) {
      String line = unread.poll(100, TimeUnit.MILLISECONDS);
      if (line != null) {
        output.add(line);
        Matcher matched = readyLine.matcher(line);
        if (matched.find()) {
          return matched.group(1);
        }
      }
    }
    throw new IllegalStateException("the server did not log that it was ready: " + output);
  }

  public int port() {
    return Integer.parseInt(ready);
  }

  /** The first group of the ready line. */
  public String ready() {
    return ready;
  }

  /**
   * Sends SIGTERM, waits up to {@code wait} for the exit and for the last output; the exit code, or
   * -1.
   */
  public int terminate(Duration wait) throws IOException, InterruptedException {
    if (!process.isAlive()) {
      return process.exitValue();
    }
    new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
    if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      return -1;
    }
    reader.join(wait.toMillis());
    return process.exitValue();
  }

  /** The process's id, to read its resident memory from {@code /proc}. */
  public long pid() {
    return process.pid();
  }

  /** Whether the process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Every line the process wrote so far. */
  public List<String> output() {
    unread.drainTo(output);
    return List.copyOf(output);
  }

  /** Kills what is still running. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
