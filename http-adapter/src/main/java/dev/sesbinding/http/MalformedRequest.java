package dev.sesbinding.http;

/**
 * A request body that is not Dapr's {@code {"operation","data","metadata"}} object: 400
 * ERR_MALFORMED_REQUEST.
 */
final class MalformedRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MalformedRequest(String detail) {
    super("failed deserializing HTTP body: " + detail, null, false, false);
  }
}
