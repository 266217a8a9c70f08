package dev.sesbinding.conformance;

import dev.sesbinding.core.BindingException;
import java.util.Map;

/**
 * What one invocation came to, whichever adapter ran it: success with a message id (empty where the
 * target returns none), or a failure with its message (Dapr's {@code error invoking output binding
 * <name>: } prefix removed, and daprd's {@code rpc error: code = ... desc = } too) and either the
 * binding error's kind (the library, a gRPC code of the table, or the code daprd quotes) or the
 * HTTP status (a server), or neither when the target hides the cause (daprd's built-in binding
 * answers every error 500).
 */
public record Outcome(
    boolean succeeded,
    String messageId,
    Map<String, String> metadata,
    BindingException.Kind kind,
    int httpStatus,
    String message,
    boolean causeHidden) {

  public static final int NO_STATUS = -1;

  public static Outcome success(String messageId, Map<String, String> metadata, int httpStatus) {
    return new Outcome(true, messageId, Map.copyOf(metadata), null, httpStatus, "", false);
  }

  public static Outcome failure(BindingException.Kind kind, int httpStatus, String message) {
    return new Outcome(false, "", Map.of(), kind, httpStatus, message, false);
  }

  /** A failure whose answer says nothing of its cause, only its text. */
  public static Outcome causeHidden(String message) {
    return new Outcome(false, "", Map.of(), null, NO_STATUS, message, true);
  }

  /** How the outcome reads in a failed assertion. */
  public String describe() {
    if (succeeded) {
      return "success (messageId " + (messageId.isEmpty() ? "none" : messageId) + ")";
    }
    String cause =
        causeHidden
            ? "cause hidden"
            : httpStatus == NO_STATUS ? "kind " + kind : "HTTP " + httpStatus;
    return "failure (" + cause + "): " + message;
  }
}
