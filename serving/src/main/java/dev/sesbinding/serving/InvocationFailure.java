package dev.sesbinding.serving;

import dev.sesbinding.core.BindingException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * What a failed invocation means for the caller, the same for every adapter: its row of the error
 * table, the detail after Dapr's {@code error invoking output binding <name>: }, when to retry, and
 * whether it is a bug to log (the detail then names only the exception's type).
 */
public record InvocationFailure(ErrorCase error, String detail, Duration retryAfter, boolean bug) {

  /** The failure of an invocation's stage (or what its binding threw), unwrapped. */
  public static InvocationFailure of(Throwable stageFailure) {
    Throwable failure = cause(stageFailure);
    if (failure instanceof BindingException binding) {
      return new InvocationFailure(
          ErrorCase.of(binding.kind()),
          binding.getMessage(),
          binding.retryAfter().orElse(null),
          false);
    }
    if (failure instanceof Refused refused) {
      return new InvocationFailure(
          refused.error(), refused.getMessage(), refused.retryAfter(), false);
    }
    if (failure instanceof CancellationException) {
      return new InvocationFailure(
          ErrorCase.CANCELLED, "the caller cancelled the call", null, false);
    }
    if (failure instanceof TimeoutException) {
      return new InvocationFailure(
          ErrorCase.TIMEOUT, "no answer within the request timeout", null, false);
    }
    if (isMemoryPressure(failure)) {
      return new InvocationFailure(
          ErrorCase.OVERLOADED, "the server is short of memory; retry later", null, false);
    }
    return new InvocationFailure(
        ErrorCase.BINDING_FAILED,
        "internal error (" + failure.getClass().getSimpleName() + ")",
        null,
        true);
  }

  /** The failure itself, without the wrappers futures add. */
  public static Throwable cause(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Memory running out anywhere in the cause chain: never the caller's fault. */
  public static boolean isMemoryPressure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof OutOfMemoryError) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** The refusal the caller of binding {@code bindingName} gets, in Dapr's words. */
  public Refusal refusal(String bindingName) {
    return Refusal.invoking(error, bindingName, detail, retryAfter);
  }
}
