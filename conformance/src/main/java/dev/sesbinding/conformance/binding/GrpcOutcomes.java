package dev.sesbinding.conformance.binding;

import dev.sesbinding.conformance.Outcome;
import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.ErrorCase;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a gRPC answer means for a case, the same for Dapr's runtime API and the pluggable component:
 * a success's message id, or a failure's kind (the row of the error table with that code) and
 * message without Dapr's prefix.
 */
final class GrpcOutcomes {
  private GrpcOutcomes() {}

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
      if (ErrorCase.of(kind).grpcCode().equals(grpcCode)) {
        return kind;
      }
    }
    return null;
  }
}
