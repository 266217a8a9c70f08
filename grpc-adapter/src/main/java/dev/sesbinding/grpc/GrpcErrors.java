package dev.sesbinding.grpc;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import dev.sesbinding.serving.GrpcCode;
import dev.sesbinding.serving.Refusal;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * A {@link Refusal} as gRPC answers it: its row's code, its message, and for a row that says when
 * to retry a {@code google.rpc.RetryInfo} detail in the trailers. The one place a status is made.
 */
final class GrpcErrors {
  private GrpcErrors() {}

  /** As an exception, for {@code StreamObserver.onError}. */
  static StatusRuntimeException of(Refusal refusal) {
    return status(refusal).asRuntimeException(trailers(refusal));
  }

  /** Closes {@code call} with {@code refusal}; a call already closed stays as it is. */
  static void close(io.grpc.ServerCall<?, ?> call, Refusal refusal) {
    try {
      call.close(status(refusal), trailers(refusal));
    } catch (IllegalStateException alreadyClosed) {
      // closed by whoever refused it first: nothing left to answer
    }
  }

  static Status status(Refusal refusal) {
    return Status.fromCode(code(refusal.error().grpcCode())).withDescription(refusal.message());
  }

  /** gRPC's own code for the table's. */
  static Status.Code code(GrpcCode code) {
    return Status.fromCodeValue(code.value()).getCode();
  }

  /** The trailers: {@code grpc-status-details-bin} with RetryInfo where the row says; else none. */
  static Metadata trailers(Refusal refusal) {
    if (refusal.retryAfterSeconds().isEmpty()) {
      return new Metadata();
    }
    RetryInfo retry =
        RetryInfo.newBuilder()
            .setRetryDelay(
                com.google.protobuf.Duration.newBuilder()
                    .setSeconds(refusal.retryAfterSeconds().get())
                    .build())
            .build();
    com.google.rpc.Status details =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.forNumber(refusal.error().grpcCode().value()).getNumber())
            .setMessage(refusal.message())
            .addDetails(Any.pack(retry))
            .build();
    return StatusProto.toStatusRuntimeException(details).getTrailers();
  }
}
