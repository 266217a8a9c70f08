package dev.sesbinding.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack's SES through Testcontainers, for machines with Docker. Put the test class under
 * {@code @Testcontainers(disabledWithoutDocker = true)} so that it skips with a one-line reason
 * elsewhere; the container is only created in {@code beforeAll}.
 */
public final class LocalStackSes implements SesEmulator, BeforeAllCallback, AfterAllCallback {
  /** The last community image (later ones need an auth token). */
  public static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.13");

  private LocalStackContainer container;
  private URI attached;

  private LocalStackSes() {}

  public static LocalStackSes create() {
    return new LocalStackSes();
  }

  /**
   * A LocalStack that is already running at {@code endpoint} (started and stopped by someone else).
   */
  public static LocalStackSes attach(URI endpoint) {
    LocalStackSes localStack = new LocalStackSes();
    localStack.attached = endpoint;
    return localStack;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Starts the container (needs Docker). */
  @Override
  public synchronized void start() {
    if (container == null && attached == null) {
      container = new LocalStackContainer(IMAGE).withServices("ses", "sts");
      container.start();
    }
  }

  @Override
  public synchronized void close() {
    if (container != null) {
      container.stop();
      container = null;
    }
  }

  @Override
  public URI endpoint() {
    return attached != null ? attached : container.getEndpoint();
  }

  @Override
  public List<EmulatedMessage> sentMessages() {
    List<EmulatedMessage> result = new ArrayList<>();
    for (JsonNode message : Http.getJson(endpoint().resolve("/_aws/ses")).path("messages")) {
      JsonNode body = message.path("Body");
      String html = body.path("html_part").asText("");
      JsonNode destination = message.path("Destination");
      result.add(
          new EmulatedMessage(
              message.path("Id").asText(),
              message.path("Source").asText(),
              message.path("Subject").asText(),
              html.isEmpty() ? body.path("text_part").asText("") : html,
              html.isEmpty() ? "text" : "html",
              Http.strings(destination.get("ToAddresses")),
              Http.strings(destination.get("CcAddresses")),
              Http.strings(destination.get("BccAddresses"))));
    }
    return result;
  }

  @Override
  public void reset() {
    Http.delete(endpoint().resolve("/_aws/ses"));
  }
}
