package dev.sesbinding.conformance.binding;

import com.google.protobuf.ByteString;
import dev.sesbinding.conformance.Outcome;
import dev.sesbinding.core.BindingException;
import dev.sesbinding.serving.ErrorCase;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

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
    try {
      return success(call.get());
    } catch (StatusRuntimeException e) {
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
        kindOf(e.getStatus().getCode().name()),
        Outcome.NO_STATUS,
        message.replaceFirst("^error invoking output binding " + Pattern.quote(name) + ": ", ""));
  }

  /** The failure kind whose row of the error table has this gRPC code. */
  private static BindingException.Kind kindOf(String grpcCode) {
    for (BindingException.Kind kind : BindingException.Kind.values()) {
      if (ErrorCase.of(kind).grpcCode().name().equals(grpcCode)) {
        return kind;
      }
    }
    return null;
  }
}
