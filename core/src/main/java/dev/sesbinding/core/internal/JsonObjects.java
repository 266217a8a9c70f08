package dev.sesbinding.core.internal;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/** Whether bytes are one JSON object, for adapters that must tell it from any other data. */
public final class JsonObjects {
  private JsonObjects() {}

  /** Whether the first byte after JSON whitespace is an opening brace: cheap, nothing decoded. */
  public static boolean startsLikeAnObject(byte[] data) {
    for (byte b : data) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return b == '{';
      }
    }
    return false;
  }

  public static boolean isObject(byte[] data) {
    if (!startsLikeAnObject(data)) {
      return false;
    }
    String text = new String(data, StandardCharsets.UTF_8).strip();
    try {
      JsonNode parsed = JsonNodeParser.create().parse(text);
      return parsed != null && parsed.isObject();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
