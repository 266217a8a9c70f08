package dev.sesbinding.core;

import java.util.Objects;

/**
 * What the email service said of a failure, for logs: its error code and request id (either may be
 * empty). Never its message, which may quote an address.
 */
public record ServiceError(String code, String requestId) {
  public ServiceError {
    code = Objects.requireNonNullElse(code, "");
    requestId = Objects.requireNonNullElse(requestId, "");
  }
}
