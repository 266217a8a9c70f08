package dev.sesbinding.core.internal;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/** Whether bytes are one JSON object, for adapters that must tell it from any other data. */
public final class JsonObjects {
  private JsonObjects() {}

  public static boolean isObject(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8).strip();
    if (!text.startsWith("{")) {
      return false;
    }
    try {
      JsonNode parsed = JsonNodeParser.create().parse(text);
      return parsed != null && parsed.isObject();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
