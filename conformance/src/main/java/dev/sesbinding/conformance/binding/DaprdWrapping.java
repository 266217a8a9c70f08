package dev.sesbinding.conformance.binding;

import dev.sesbinding.conformance.Outcome;
import dev.sesbinding.core.BindingException;
import dev.sesbinding.serving.ErrorCase;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a target words its errors: this server answers each with the status of its cause and Dapr's
 * {@code error invoking output binding <name>: } before the binding's text; daprd answers every
 * binding error 500 {@code ERR_INVOKE_OUTPUT_BINDING} (gRPC {@code Internal}), quoting a pluggable
 * component's status as {@code rpc error: code = <Code> desc = <text>}.
 */
final class DaprdWrapping {
  private static final Pattern RPC_ERROR =
      Pattern.compile("rpc error: code = (\\w+) desc = (.*)", Pattern.DOTALL);

  private DaprdWrapping() {}

  /** The binding's text of {@code message}, without Dapr's prefix for binding {@code name}. */
  static String withoutPrefix(String message, String name) {
    return message.replaceFirst("^error invoking output binding " + Pattern.quote(name) + ": ", "");
  }

  /**
   * The outcome of daprd's error {@code message}: the kind of the code daprd quotes from a
   * pluggable component, or the cause hidden (daprd's own binding, or daprd's own refusal).
   */
  static Outcome outcome(String message, String name) {
    String text = withoutPrefix(message, name);
    Matcher rpc = RPC_ERROR.matcher(text);
    if (!rpc.matches()) {
      return Outcome.causeHidden(text);
    }
    BindingException.Kind kind = kindOf(rpc.group(1).replaceAll("([a-z])([A-Z])", "$1_$2"));
    return kind == null
        ? Outcome.causeHidden(rpc.group(2))
        : Outcome.failure(kind, Outcome.NO_STATUS, rpc.group(2));
  }

  /** The failure kind whose row of the error table has this gRPC code (FAILED_PRECONDITION). */
  static BindingException.Kind kindOf(String grpcCode) {
    for (BindingException.Kind kind : BindingException.Kind.values()) {
      if (ErrorCase.of(kind).grpcCode().name().equals(grpcCode.toUpperCase(Locale.ROOT))) {
        return kind;
      }
    }
    return null;
  }

  /** What the suite says it found: the component's type and how the target words errors. */
  static String found(String target, String name, String type, boolean daprdWraps) {
    return target
        + " serves "
        + name
        + " as "
        + type
        + "; its errors: "
        + (daprdWraps
            ? "daprd's (500 ERR_INVOKE_OUTPUT_BINDING / Internal, the binding's text inside)"
            : "a status by cause (this project's error table)");
  }
}
