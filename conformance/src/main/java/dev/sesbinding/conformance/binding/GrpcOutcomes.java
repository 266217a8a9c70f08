package dev.sesbinding.conformance.binding;

import com.google.protobuf.ByteString;
import dev.sesbinding.conformance.Outcome;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a gRPC answer means for a case, the same for Dapr's runtime API and the pluggable component:
 * a success's message id, or a failure's kind (the row of the error table with that code) and
 * message without Dapr's prefix.
 */
final class GrpcOutcomes {
  private GrpcOutcomes() {}

  /**
   * The outcome of a call that answers with metadata: a success, or the failure its status says.
   */
  static Outcome of(Supplier<Map<String, String>> call, String name) {
    return of(call, name, false);
  }

  /** As {@link #of(Supplier, String)}, reading daprd's wrapping where {@code daprdWraps}. */
  static Outcome of(Supplier<Map<String, String>> call, String name, boolean daprdWraps) {
    try {
      return success(call.get());
    } catch (StatusRuntimeException e) {
      if (daprdWraps) {
        String message =
            e.getStatus().getDescription() == null ? "" : e.getStatus().getDescription();
        return DaprdWrapping.outcome(message, name);
      }
      return failure(e, name);
    }
  }

  /** The request's data: its UTF-8 bytes, or none for a request without data. */
  static ByteString data(String data) {
    return data == null ? ByteString.EMPTY : ByteString.copyFrom(data, StandardCharsets.UTF_8);
  }

  static Outcome success(Map<String, String> metadata) {
    return Outcome.success(metadata.getOrDefault("messageId", ""), metadata, Outcome.NO_STATUS);
  }

  static Outcome failure(StatusRuntimeException e, String name) {
    String message = e.getStatus().getDescription() == null ? "" : e.getStatus().getDescription();
    return Outcome.failure(
        DaprdWrapping.kindOf(e.getStatus().getCode().name()),
        Outcome.NO_STATUS,
        DaprdWrapping.withoutPrefix(message, name));
  }
}
