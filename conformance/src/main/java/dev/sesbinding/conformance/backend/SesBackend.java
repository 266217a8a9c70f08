package dev.sesbinding.conformance.backend;

import dev.sesbinding.testing.EmulatedMessage;
import dev.sesbinding.testing.LocalStackSes;
import dev.sesbinding.testing.MotoServer;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where the binding under test sends: an SES emulator the suite starts (moto, or LocalStack where
 * Docker runs), or an endpoint the user gives. It supplies the component's variables ({@code
 * SES_ENDPOINT}, {@code SES_REGION}, {@code SES_ACCESS_KEY}, {@code SES_SECRET_KEY}, {@code
 * SES_SENDER}) and reads sent messages back where it can.
 */
public interface SesBackend extends AutoCloseable {
  String BACKEND_PROPERTY = "conformance.backend";
  String ENDPOINT_PROPERTY = "conformance.backend.endpoint";
  String READ_BACK_PROPERTY = "conformance.backend.readback";
  String SENDER = "conformance@example.com";

  String name();

  /** Starts the backend; throws when it cannot start here (no moto, no Docker). */
  void start() throws Exception;

  /** The values of the component's {@code ${{VAR}}} variables. */
  Map<String, String> variables();

  /**
   * Makes {@code address} a verified sender, where the backend needs that; by default nothing to
   * do.
   */
  default void verifySender(String address) {}

  /**
   * Creates an SES template with this subject and HTML part, where the backend lets the suite;
   * false when it does not (real SES: the suite never changes an account).
   */
  default boolean createTemplate(String name, String subject, String html) {
    return false;
  }

  /**
   * The message as the backend stored it, or empty when this backend cannot read messages back (the
   * default).
   */
  default Optional<EmulatedMessage> delivered(String messageId) {
    return Optional.empty();
  }

  /**
   * The message stored with this subject and body, for a target that answers without a message id
   * (daprd's own binding); empty where the backend cannot read messages back (the default).
   */
  default Optional<EmulatedMessage> deliveredWith(String subject, String body) {
    return Optional.empty();
  }

  /**
   * The messages of a bulk send with this template, one per destination in order; empty where the
   * backend cannot read them back (the default).
   */
  default java.util.List<EmulatedMessage> deliveredFromTemplate(String template) {
    return java.util.List.of();
  }

  /** Whether {@link #delivered} can find messages; by default not. */
  default boolean canReadBack() {
    return false;
  }

  @Override
  default void close() {}

  /** moto's server, started on a free 127.0.0.1 port (installed into a venv first if needed). */
  static SesBackend moto() {
    return new EmulatorBackend("moto", MotoServer.create());
  }

  /** LocalStack through Testcontainers (needs Docker). */
  static SesBackend localStack() {
    return new EmulatorBackend("localstack", LocalStackSes.create());
  }

  /**
   * An endpoint someone else runs: {@code readBack} is {@code moto}, {@code localstack} (read sent
   * mail through that emulator's API) or {@code none} (only check that SES accepted it).
   */
  static SesBackend external(URI endpoint, String readBack) {
    return switch (readBack) {
      case "moto" -> new EmulatorBackend("moto at " + endpoint, MotoServer.attach(endpoint));
      case "localstack" ->
          new EmulatorBackend("localstack at " + endpoint, LocalStackSes.attach(endpoint));
      default -> new WriteOnlyBackend(endpoint);
    };
  }

  /**
   * The backend that system properties choose: {@code conformance.backend} = {@code moto}
   * (default), {@code localstack} or {@code external} (with {@code conformance.backend.endpoint}
   * and {@code conformance.backend.readback}).
   */
  static SesBackend fromSystemProperties() {
    String kind = System.getProperty(BACKEND_PROPERTY, "moto");
    return switch (kind) {
      case "moto" -> moto();
      case "localstack" -> localStack();
      case "external" ->
          external(
              URI.create(System.getProperty(ENDPOINT_PROPERTY, "http://127.0.0.1:4566")),
              System.getProperty(READ_BACK_PROPERTY, "none"));
      default ->
          throw new IllegalArgumentException(
              BACKEND_PROPERTY + " must be moto, localstack or external, not " + kind);
    };
  }
}
