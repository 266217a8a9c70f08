package dev.sesbinding.serving;

/**
 * gRPC's canonical status codes, with their numbers, so that the error table names a code by type
 * without this module depending on grpc-java (the gRPC adapter turns one into {@code
 * io.grpc.Status} by its number; a test there keeps the two equal).
 */
public enum GrpcCode {
  OK(0),
  CANCELLED(1),
  UNKNOWN(2),
  INVALID_ARGUMENT(3),
  DEADLINE_EXCEEDED(4),
  NOT_FOUND(5),
  ALREADY_EXISTS(6),
  PERMISSION_DENIED(7),
  RESOURCE_EXHAUSTED(8),
  FAILED_PRECONDITION(9),
  ABORTED(10),
  OUT_OF_RANGE(11),
  UNIMPLEMENTED(12),
  INTERNAL(13),
  UNAVAILABLE(14),
  DATA_LOSS(15),
  UNAUTHENTICATED(16);

  private final int value;

  GrpcCode(int value) {
    this.value = value;
  }

  /** The code's number on the wire. */
  public int value() {
    return value;
  }
}
