package dev.sesbinding.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * moto's server on a free 127.0.0.1 port, started before a test class and stopped after it:
 * {@code @RegisterExtension static final MotoServer moto = MotoServer.create();}
 */
public final class MotoServer implements SesEmulator, BeforeAllCallback, AfterAllCallback {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private Process process;
  private URI endpoint;
  private Path log;

  private MotoServer() {}

  public static MotoServer create() {
    return new MotoServer();
  }

  /**
   * A moto server that is already running at {@code endpoint} (started and stopped by someone
   * else).
   */
  public static MotoServer attach(URI endpoint) {
    MotoServer moto = new MotoServer();
    moto.endpoint = endpoint;
    return moto;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /**
   * Starts moto (installing it first if needed); retries on another port if the chosen one was
   * taken meanwhile.
   */
  @Override
  public synchronized void start() throws IOException, InterruptedException {
    if (process != null || endpoint != null) {
      return;
    }
    List<String> command = MotoInstallation.command();
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      log = Files.createTempFile("moto-server-", ".log");
      List<String> args = new ArrayList<>(command);
      args.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
      ProcessBuilder builder =
          new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile());
      process = builder.start();
      endpoint = URI.create("http://127.0.0.1:" + port);
      try {
        awaitReady();
        return;
      } catch (IllegalStateException e) {
        last = e;
        close();
      }
    }
    throw last;
  }

  private void awaitReady() throws InterruptedException, IOException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "moto_server exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      if (Http.status(endpoint.resolve("/moto-api/")) == 200) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "moto_server did not answer within " + START_TIMEOUT + ": " + Files.readString(log));
  }

  /** Stops moto and every process it started. */
  @Override
  public synchronized void close() {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
    endpoint = null;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  @Override
  public URI endpoint() {
    if (endpoint == null) {
      throw new IllegalStateException("moto is not started");
    }
    return endpoint;
  }

  @Override
  public List<EmulatedMessage> sentMessages() {
    JsonNode ses = Http.getJson(endpoint().resolve("/moto-api/data.json")).path("ses");
    List<EmulatedMessage> result = new ArrayList<>();
    for (JsonNode message : ses.path("Message")) {
      result.add(
          message(message, message.path("subject").asText(), message.path("body").asText(), ""));
    }
    // SendTemplatedEmail: moto keeps the template's name and the data, not the rendered email.
    for (JsonNode message : ses.path("TemplateMessage")) {
      if (message.path("destinations").isArray()) {
        result.addAll(bulk(message));
        continue;
      }
      result.add(
          message(
              message,
              "",
              message.path("template_data").asText(),
              "template:" + message.path("template").asText()));
    }
    // SendRawEmail: moto keeps the MIME message as sent, and every destination (Bcc too) as "to".
    for (JsonNode message : ses.path("RawMessage")) {
      result.add(
          new EmulatedMessage(
              message.path("id").asText(),
              message.path("source").asText(),
              "",
              message.path("raw_data").asText(),
              "raw",
              Http.strings(message.get("destinations")),
              List.of(),
              List.of()));
    }
    return result;
  }

  /**
   * SendBulkTemplatedEmail: moto keeps one message with every destination; here one per
   * destination, with its own data (or the default), and no id (moto's ids are not the answer's).
   */
  private static List<EmulatedMessage> bulk(JsonNode message) {
    List<EmulatedMessage> messages = new ArrayList<>();
    for (JsonNode destination : message.path("destinations")) {
      JsonNode to = destination.path("Destination");
      messages.add(
          new EmulatedMessage(
              "",
              message.path("source").asText(),
              "",
              destination.has("ReplacementTemplateData")
                  ? destination.path("ReplacementTemplateData").asText()
                  : message.path("template_data").asText(),
              "template:" + message.path("template").asText(),
              Http.strings(to.get("ToAddresses")),
              Http.strings(to.get("CcAddresses")),
              Http.strings(to.get("BccAddresses"))));
    }
    return messages;
  }

  private static EmulatedMessage message(
      JsonNode message, String subject, String body, String bodyType) {
    JsonNode destinations = message.path("destinations");
    return new EmulatedMessage(
        message.path("id").asText(),
        message.path("source").asText(),
        subject,
        body,
        bodyType,
        Http.strings(destinations.get("ToAddresses")),
        Http.strings(destinations.get("CcAddresses")),
        Http.strings(destinations.get("BccAddresses")));
  }

  @Override
  public void reset() {
    Http.post(endpoint().resolve("/moto-api/reset"), "application/json", "");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public String toString() {
    return "MotoServer[" + endpoint + "]";
  }
}
