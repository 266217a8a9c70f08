package dev.sesbinding.grpc;

import dev.sesbinding.core.internal.GoUnquote;
import dev.sesbinding.core.internal.JsonObjects;
import dev.sesbinding.core.internal.JsonStrings;
import dev.sesbinding.core.internal.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code data} rule of Dapr's gRPC API (contract section 6): bytes that form a Go-quoted string
 * (what daprd's HTTP API passes on, and what Dapr's Java SDK sends for a {@code String}) reach the
 * binding as they are, to be unquoted there; any other valid UTF-8 (the Node SDK's gRPC strings, a
 * Java {@code byte[]}) is the body as it is, so it is quoted for the binding; except a JSON object,
 * which reaches the binding as it is (a message with parts and attachments, or template data), and
 * no bytes or JSON's {@code null}, which are data missing, refused as over HTTP (daprd passes an
 * HTTP app's missing data on as {@code null}).
 */
final class BindingData {
  private BindingData() {}

  private static boolean isMissing(byte[] data) {
    return data.length == 0 || new String(data, StandardCharsets.UTF_8).strip().equals("null");
  }

  /** The data as the binding takes it, or empty when the bytes are not valid UTF-8. */
  static Optional<byte[]> of(byte[] data) {
    if (!Utf8.isValid(data)) {
      return Optional.empty(); // a Go-quoted string too: its bytes must be UTF-8, as HTTP's are
    }
    if (isMissing(data) || GoUnquote.unquote(data).isPresent() || JsonObjects.isObject(data)) {
      return Optional.of(data);
    }
    return Optional.of(
        JsonStrings.quote(new String(data, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8));
  }
}
