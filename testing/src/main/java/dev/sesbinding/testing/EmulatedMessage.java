package dev.sesbinding.testing;

import java.util.List;

/**
 * A message as an SES emulator stored it: the body is the HTML part if there is one, else the text
 * part; {@code bodyType} is {@code html}, {@code text}, or empty where the emulator does not say
 * (moto).
 */
public record EmulatedMessage(
    String id,
    String source,
    String subject,
    String body,
    String bodyType,
    List<String> to,
    List<String> cc,
    List<String> bcc) {}
