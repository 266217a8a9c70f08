package dev.sesbinding.serving;

import dev.sesbinding.core.BindingException;
import java.time.Duration;
import java.util.Optional;

/**
 * The one table from every failure a caller can meet to how each API answers it (contract section
 * 6): the HTTP status, the gRPC status code, Dapr's HTTP {@code errorCode}, and whether the answer
 * says when to retry. Adapters answer failures through this table, as a {@link Refusal}, and
 * nowhere else; {@code docs/api.md} shows it and a test keeps the two equal.
 */
public enum ErrorCase {
  /**
   * The request is not Dapr's shape: the body is not a JSON object, or a metadata value is not a
   * string.
   */
  MALFORMED_REQUEST(400, GrpcCode.INVALID_ARGUMENT, "ERR_MALFORMED_REQUEST", false),
  /**
   * The binding refused the request: an operation missing or not supported, a field missing or
   * invalid.
   */
  INVALID_REQUEST(400, GrpcCode.INVALID_ARGUMENT, "ERR_INVOKE_OUTPUT_BINDING", false),
  /**
   * A missing or wrong API token (HTTP answers Dapr's plain text {@code invalid api token}, no
   * JSON).
   */
  UNAUTHENTICATED(401, GrpcCode.UNAUTHENTICATED, "", false),
  /** No binding of that name. */
  BINDING_NOT_FOUND(404, GrpcCode.NOT_FOUND, "ERR_INVOKE_OUTPUT_BINDING", false),
  /** No such resource besides a binding, such as the outbox of a binding that has none. */
  NOT_FOUND(404, GrpcCode.NOT_FOUND, "ERR_NOT_FOUND", false),
  /** No such endpoint or method. */
  NO_SUCH_METHOD(404, GrpcCode.UNIMPLEMENTED, "ERR_NOT_FOUND", false),
  /** An endpoint that exists, called with a method it does not serve. */
  METHOD_NOT_ALLOWED(405, GrpcCode.UNIMPLEMENTED, "ERR_NOT_FOUND", false),
  /**
   * The request's headers or body did not arrive within the read timeout; the connection closes.
   */
  READ_TIMEOUT(408, GrpcCode.DEADLINE_EXCEEDED, "ERR_REQUEST_TIMEOUT", false),
  /** The request's body is larger than the server accepts; the connection closes. */
  TOO_LARGE(413, GrpcCode.RESOURCE_EXHAUSTED, "ERR_MALFORMED_REQUEST", false),
  /** The request line (method and path) is longer than the server reads. */
  URI_TOO_LONG(414, GrpcCode.INVALID_ARGUMENT, "ERR_MALFORMED_REQUEST", false),
  /** The request's headers are larger than the server reads. */
  HEADERS_TOO_LARGE(431, GrpcCode.RESOURCE_EXHAUSTED, "ERR_MALFORMED_REQUEST", false),
  /** The email service refused the message ({@link BindingException.Kind#REJECTED}). */
  REJECTED(422, GrpcCode.FAILED_PRECONDITION, "ERR_INVOKE_OUTPUT_BINDING", false),
  /** Too many requests in flight, or too many request bytes held, for this server. */
  OVERLOADED(429, GrpcCode.RESOURCE_EXHAUSTED, "ERR_INVOKE_OUTPUT_BINDING", true),
  /**
   * The email service is still throttling after retries ({@link BindingException.Kind#THROTTLED}).
   */
  THROTTLED(429, GrpcCode.RESOURCE_EXHAUSTED, "ERR_INVOKE_OUTPUT_BINDING", true),
  /**
   * An earlier call with the same idempotency key may have sent the email (it timed out or was cut
   * off after the request left); this one sends nothing rather than risk a second copy.
   */
  OUTCOME_UNKNOWN(409, GrpcCode.ABORTED, "ERR_INVOKE_OUTPUT_BINDING", false),
  /** A binding failed unexpectedly: a bug, logged with its trace and never sent. */
  BINDING_FAILED(500, GrpcCode.INTERNAL, "ERR_INVOKE_OUTPUT_BINDING", false),
  /**
   * The server failed unexpectedly outside a binding: a bug, logged with its trace and never sent.
   */
  INTERNAL(500, GrpcCode.INTERNAL, "ERR_INTERNAL", false),
  /**
   * The pluggable component was called for an instance daprd has not initialised (the HTTP API
   * never meets it).
   */
  NOT_INITIALISED(500, GrpcCode.FAILED_PRECONDITION, "ERR_INVOKE_OUTPUT_BINDING", false),
  /**
   * A component instance could not be initialised ({@link BindingException.Kind#INIT}): the
   * pluggable component's answer to daprd's {@code Init} (a server with such a component does not
   * start, so the HTTP API never meets it).
   */
  INIT_FAILED(400, GrpcCode.INVALID_ARGUMENT, "ERR_INVOKE_OUTPUT_BINDING", false),
  /** The server is not ready (starting or stopping). */
  NOT_READY(500, GrpcCode.UNAVAILABLE, "ERR_HEALTH_NOT_READY", false),
  /**
   * The email service is unreachable or failing after retries ({@link
   * BindingException.Kind#UNAVAILABLE}).
   */
  UNAVAILABLE(502, GrpcCode.UNAVAILABLE, "ERR_INVOKE_OUTPUT_BINDING", false),
  /**
   * No answer within the request timeout or the caller's deadline ({@link
   * BindingException.Kind#TIMEOUT}).
   */
  TIMEOUT(504, GrpcCode.DEADLINE_EXCEEDED, "ERR_INVOKE_OUTPUT_BINDING", false),
  /**
   * The caller called the request off (a gRPC cancel or reset, an HTTP connection closed before the
   * answer); nobody reads the answer, but it is counted. 499 is the status proxies log for it.
   */
  CANCELLED(499, GrpcCode.CANCELLED, "ERR_INVOKE_OUTPUT_BINDING", false);

  /** When to retry, for a case that says so and a failure that does not. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

  private final int httpStatus;
  private final GrpcCode grpcCode;
  private final String errorCode;
  private final boolean retryAfter;

  ErrorCase(int httpStatus, GrpcCode grpcCode, String errorCode, boolean retryAfter) {
    this.httpStatus = httpStatus;
    this.grpcCode = grpcCode;
    this.errorCode = errorCode;
    this.retryAfter = retryAfter;
  }

  /** The case of a binding's failure. */
  public static ErrorCase of(BindingException.Kind kind) {
    return switch (kind) {
      case CALLER -> INVALID_REQUEST;
      case REJECTED -> REJECTED;
      case THROTTLED -> THROTTLED;
      case UNAVAILABLE -> UNAVAILABLE;
      case TIMEOUT -> TIMEOUT;
      case INIT -> INIT_FAILED;
    };
  }

  /** The binding failure kind of the case, for the cases that a binding reports. */
  public Optional<BindingException.Kind> kind() {
    for (BindingException.Kind kind : BindingException.Kind.values()) {
      if (of(kind) == this) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The gRPC status code, such as {@link GrpcCode#INVALID_ARGUMENT}. */
  public GrpcCode grpcCode() {
    return grpcCode;
  }

  /** Dapr's {@code errorCode} in the HTTP API's error JSON; empty where the answer is not JSON. */
  public String errorCode() {
    return errorCode;
  }

  /** Whether the answer says when to retry ({@code Retry-After}, gRPC {@code RetryInfo}). */
  public boolean retryAfter() {
    return retryAfter;
  }
}
