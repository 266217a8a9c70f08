package dev.sesbinding.serving;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A call's W3C trace context, as its caller sent it: {@code traceparent} (version 00, a trace id
 * and parent span id not all zero, flags) and {@code tracestate}. A malformed {@code traceparent}
 * is no context, as the W3C's rules say (the call starts a trace of its own); it is never an error.
 */
public record TraceContext(String traceparent, String tracestate) {
  /** No context: the caller sent none, or a malformed one. */
  public static final TraceContext NONE = new TraceContext("", "");

  private static final Pattern TRACEPARENT =
      Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");
  private static final int MAX_TRACESTATE = 512;

  public TraceContext {
    traceparent = traceparent == null ? "" : traceparent;
    tracestate = tracestate == null ? "" : tracestate;
  }

  /** The context of the headers {@code traceparent} and {@code tracestate}, either may be null. */
  public static TraceContext of(String traceparent, String tracestate) {
    if (traceparent == null || !TRACEPARENT.matcher(traceparent.strip()).matches()) {
      return NONE;
    }
    String state = tracestate == null ? "" : tracestate.strip();
    return new TraceContext(
        traceparent.strip(),
        state.length() > MAX_TRACESTATE || state.chars().anyMatch(c -> c < 0x20 || c > 0x7e)
            ? ""
            : state);
  }

  /** The caller's {@code traceparent}, when it sent a valid one. */
  public Optional<String> parent() {
    return traceparent.isEmpty() ? Optional.empty() : Optional.of(traceparent);
  }
}
