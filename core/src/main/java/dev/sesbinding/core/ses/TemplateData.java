package dev.sesbinding.core.ses;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.BindingException.Kind;
import dev.sesbinding.core.internal.GoUnquote;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * An SES template's name, and the request's {@code data} as its data: a JSON object, given as the
 * request's {@code data} itself or as a JSON string holding one.
 */
final class TemplateData {
  static final String NOT_AN_OBJECT =
      "SES binding error. template data must be a JSON object: send data as {\"name\":\"value\"},"
          + " or as a JSON string holding one";

  private TemplateData() {}

  /** The template data, a JSON object as text. */
  static String of(byte[] data) {
    String text =
        GoUnquote.unquote(data).orElseGet(() -> new String(data, StandardCharsets.UTF_8)).strip();
    JsonNode parsed;
    try {
      parsed = JsonNodeParser.create().parse(text);
    } catch (RuntimeException e) {
      throw new BindingException(Kind.CALLER, NOT_AN_OBJECT);
    }
    if (parsed == null || !parsed.isObject()) {
      throw new BindingException(Kind.CALLER, NOT_AN_OBJECT);
    }
    return text;
  }
}
