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

  /**
   * The regions SES sends in (AWS's list for SES, commercial and GovCloud): an emulator keeps
   * identities and templates per region, so whoever does not know where a target sends prepares
   * them all.
   */
  List<String> SES_REGIONS =
      List.of(
          "us-east-1",
          "us-east-2",
          "us-west-1",
          "us-west-2",
          "ca-central-1",
          "sa-east-1",
          "eu-west-1",
          "eu-west-2",
          "eu-west-3",
          "eu-central-1",
          "eu-central-2",
          "eu-north-1",
          "eu-south-1",
          "il-central-1",
          "me-south-1",
          "me-central-1",
          "af-south-1",
          "ap-south-1",
          "ap-south-2",
          "ap-northeast-1",
          "ap-northeast-2",
          "ap-northeast-3",
          "ap-southeast-1",
          "ap-southeast-2",
          "ap-southeast-3",
          "ap-southeast-5",
          "us-gov-west-1",
          "us-gov-east-1");

  /** Verifies an email identity in {@link #REGION}, which the emulator requires of a sender. */
  default void verifySender(String address) {
    verifySender(address, REGION);
  }

  /** Verifies an email identity in {@code region}. */
  default void verifySender(String address, String region) {
    Http.sesAction(
        endpoint(),
        region,
        Map.of("Action", "VerifyEmailIdentity", "EmailAddress", address, "Version", "2010-12-01"));
  }

  /** Creates an SES template with this subject and HTML part in {@link #REGION}. */
  default void createTemplate(String name, String subject, String html) {
    createTemplate(name, subject, html, REGION);
  }

  /** Creates an SES template with this subject and HTML part in {@code region}. */
  default void createTemplate(String name, String subject, String html, String region) {
    Http.sesAction(
        endpoint(),
        region,
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
