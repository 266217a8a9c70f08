package dev.sesbinding.testing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SES emulator that tests send to and read sent messages back from: {@link #start} it (a no-op
 * for one that someone else runs), use it, {@link #close} it.
 */
public interface SesEmulator extends AutoCloseable {
  String REGION = "eu-west-1";
  String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
  String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  /**
   * Starts the emulator, or does nothing when it runs already; throws when it cannot start here.
   */
  void start() throws Exception;

  URI endpoint();

  /** Verifies an email identity, which the emulator requires of a sender. */
  void verifySender(String address);

  /** Creates an SES template with this subject and HTML part. */
  default void createTemplate(String name, String subject, String html) {
    Http.sesAction(
        endpoint(),
        REGION,
        Map.of(
            "Action", "CreateTemplate",
            "Template.TemplateName", name,
            "Template.SubjectPart", subject,
            "Template.HtmlPart", html,
            "Version", "2010-12-01"));
  }

  /** Every message the emulator accepted, oldest first. */
  List<EmulatedMessage> sentMessages();

  /** Forgets every message and identity. */
  void reset();

  /** Stops what {@link #start} started; idempotent. */
  @Override
  void close();

  /** Component metadata that points the SES binding at this emulator, plus {@code extra}. */
  default Map<String, String> componentMetadata(Map<String, String> extra) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("region", REGION);
    metadata.put("endpoint", endpoint().toString());
    metadata.put("accessKey", ACCESS_KEY);
    metadata.put("secretKey", SECRET_KEY);
    metadata.putAll(extra);
    return metadata;
  }

  /** The message sent with {@code id}; fails when the emulator has none. */
  default EmulatedMessage message(String id) {
    return sentMessages().stream()
        .filter(message -> message.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "the emulator has no message " + id + "; it has " + sentMessages()));
  }
}
