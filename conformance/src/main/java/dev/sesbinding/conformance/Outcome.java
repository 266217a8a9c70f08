package dev.sesbinding.conformance;

import dev.sesbinding.core.BindingException;
import java.util.Map;

/**
 * What one invocation came to, whichever adapter ran it: success with a message id, or a failure
 * with its message (Dapr's {@code error invoking output binding <name>: } prefix removed) and
 * either the binding error's kind (the library) or the HTTP status (a server).
 */
public record Outcome(
    boolean succeeded,
    String messageId,
    Map<String, String> metadata,
    BindingException.Kind kind,
    int httpStatus,
    String message) {

  public static final int NO_STATUS = -1;

  public static Outcome success(String messageId, Map<String, String> metadata, int httpStatus) {
    return new Outcome(true, messageId, Map.copyOf(metadata), null, httpStatus, "");
  }

  public static Outcome failure(BindingException.Kind kind, int httpStatus, String message) {
    return new Outcome(false, "", Map.of(), kind, httpStatus, message);
  }

  /** How the outcome reads in a failed assertion. */
  public String describe() {
    return succeeded
        ? "success (messageId " + messageId + ")"
        : "failure ("
            + (httpStatus == NO_STATUS ? "kind " + kind : "HTTP " + httpStatus)
            + "): "
            + message;
  }
}
