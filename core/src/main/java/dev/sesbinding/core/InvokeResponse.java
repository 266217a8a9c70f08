package dev.sesbinding.core;

import dev.sesbinding.core.internal.JsonStrings;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an output binding returns, as Dapr's {@code InvokeResponse}: data bytes (possibly empty) and
 * metadata.
 */
// The array is copied in and out, and equals, hashCode and toString are written for it.
@SuppressWarnings("ArrayRecordComponent")
public record InvokeResponse(byte[] data, Map<String, String> metadata) {

  /**
   * The answer to a send: {@code {"messageId":"<id>"}} as data and {@code messageId} as metadata,
   * as every binding here gives it.
   */
  public static InvokeResponse ofMessageId(String messageId) {
    String json = "{\"messageId\":" + JsonStrings.quote(messageId) + "}";
    return new InvokeResponse(
        json.getBytes(StandardCharsets.UTF_8), Map.of("messageId", messageId));
  }

  /** Whether this is exactly {@link #ofMessageId}'s answer for its message id. */
  public boolean isJustMessageId() {
    String messageId = metadata.get("messageId");
    return messageId != null
        && metadata.size() == 1
        && Arrays.equals(
            data,
            ("{\"messageId\":" + JsonStrings.quote(messageId) + "}")
                .getBytes(StandardCharsets.UTF_8));
  }

  public InvokeResponse {
    data = data == null ? new byte[0] : data.clone();
    metadata =
        metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The data decoded as UTF-8. */
  public String dataAsString() {
    return new String(data, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InvokeResponse that
        && Arrays.equals(data, that.data)
        && metadata.equals(that.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(data), metadata);
  }

  @Override
  public String toString() {
    return "InvokeResponse[data=" + data.length + " bytes, metadata=" + metadata + "]";
  }
}
