package dev.sesbinding.core;

import dev.sesbinding.core.internal.JsonStrings;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request to an output binding, as Dapr's {@code InvokeRequest}: the operation, the data bytes
 * (over Dapr's HTTP API, the JSON encoding of the request's {@code data} value) and the request
 * metadata, keys as given.
 */
// The array is copied in and out, and equals, hashCode and toString are written for it.
@SuppressWarnings("ArrayRecordComponent")
public record InvokeRequest(String operation, byte[] data, Map<String, String> metadata) {

  public InvokeRequest {
    operation = operation == null ? "" : operation;
    data = data == null ? new byte[0] : data.clone();
    metadata =
        metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** A request with raw data bytes, exactly as a binding receives them. */
  public static InvokeRequest of(String operation, byte[] data, Map<String, String> metadata) {
    return new InvokeRequest(operation, data, metadata);
  }

  /**
   * A request whose data is the JSON string {@code text}, which is what Dapr's HTTP API passes on
   * for {@code "data": "<text>"}: the SES binding sends {@code text} as the body.
   */
  public static InvokeRequest ofStringData(
      String operation, String text, Map<String, String> metadata) {
    Objects.requireNonNull(text, "text");
    return new InvokeRequest(
        operation, JsonStrings.quote(text).getBytes(StandardCharsets.UTF_8), metadata);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InvokeRequest that
        && operation.equals(that.operation)
        && Arrays.equals(data, that.data)
        && metadata.equals(that.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(operation, Arrays.hashCode(data), metadata);
  }

  /**
   * The data length and metadata keys only: bodies are personal data, and values may be secrets.
   */
  @Override
  public String toString() {
    return "InvokeRequest[operation="
        + operation
        + ", data="
        + data.length
        + " bytes, metadata="
        + metadata.keySet()
        + "]";
  }
}
