package dev.sesbinding.conformance.backend;

import dev.sesbinding.testing.EmulatedMessage;
import dev.sesbinding.testing.SesEmulator;
import java.util.Map;
import java.util.Optional;

/**
 * An SES emulator (moto or LocalStack) as the suite's backend: it verifies the sender and reads
 * messages back.
 */
final class EmulatorBackend implements SesBackend {
  private final String name;
  private final SesEmulator emulator;

  EmulatorBackend(String name, SesEmulator emulator) {
    this.name = name;
    this.emulator = emulator;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start() throws Exception {
    emulator.start();
    verifySender(SENDER);
  }

  @Override
  public Map<String, String> variables() {
    return Map.of(
        "SES_ENDPOINT",
        emulator.endpoint().toString(),
        "SES_REGION",
        SesEmulator.REGION,
        "SES_ACCESS_KEY",
        SesEmulator.ACCESS_KEY,
        "SES_SECRET_KEY",
        SesEmulator.SECRET_KEY,
        "SES_SENDER",
        SENDER);
  }

  /** In every SES region: the target's component may send in any. */
  @Override
  public void verifySender(String address) {
    for (String region : SesEmulator.SES_REGIONS) {
      emulator.verifySender(address, region);
    }
  }

  /** In every SES region, as {@link #verifySender}. */
  @Override
  public boolean createTemplate(String name, String subject, String html) {
    for (String region : SesEmulator.SES_REGIONS) {
      emulator.createTemplate(name, subject, html, region);
    }
    return true;
  }

  @Override
  public Optional<EmulatedMessage> delivered(String messageId) {
    return emulator.sentMessages().stream()
        .filter(message -> message.id().equals(messageId))
        .findFirst();
  }

  @Override
  public Optional<EmulatedMessage> deliveredWith(String subject, String body) {
    return emulator.sentMessages().stream()
        .filter(message -> message.subject().equals(subject) && message.body().equals(body))
        .findFirst();
  }

  @Override
  public java.util.List<EmulatedMessage> deliveredFromTemplate(String template) {
    return emulator.sentMessages().stream()
        .filter(message -> message.bodyType().equals("template:" + template))
        .toList();
  }

  @Override
  public boolean canReadBack() {
    return true;
  }

  @Override
  public void close() {
    emulator.close();
  }

  @Override
  public String toString() {
    return name;
  }
}
