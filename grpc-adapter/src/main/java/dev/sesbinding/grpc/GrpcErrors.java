package dev.sesbinding.grpc;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import dev.sesbinding.core.ErrorCase;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;

/**
 * A row of the error table as a gRPC status: its code, the message, and for the cases that say when
 * to retry a {@code google.rpc.RetryInfo} detail.
 */
final class GrpcErrors {
  private GrpcErrors() {}

  static StatusRuntimeException of(ErrorCase error, String message, Duration retryAfter) {
    Status.Code code = Status.Code.valueOf(error.grpcCode());
    if (!error.retryAfter()) {
      return code.toStatus().withDescription(message).asRuntimeException();
    }
    Duration wait = retryAfter == null ? ErrorCase.DEFAULT_RETRY_AFTER : retryAfter;
    RetryInfo retry =
        RetryInfo.newBuilder()
            .setRetryDelay(
                com.google.protobuf.Duration.newBuilder()
                    .setSeconds(Math.max(1, wait.toSeconds()))
                    .build())
            .build();
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(Code.forNumber(code.value()).getNumber())
            .setMessage(message)
            .addDetails(Any.pack(retry))
            .build());
  }
}
