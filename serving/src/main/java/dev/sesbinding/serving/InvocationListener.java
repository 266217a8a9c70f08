package dev.sesbinding.serving;

import java.time.Duration;

/**
 * Told of every call the {@link InvocationPipeline} serves, whichever way it came in: where metrics
 * and traces hook in once. Called on the call's own thread, so it must not block; what it throws is
 * logged and never changes the call.
 */
public interface InvocationListener {

  /** A call has started: its request has arrived and names {@code call.component()}. */
  default void started(CallInfo call) {}

  /** A call has ended with {@code outcome}, {@code took} after it started. */
  default void ended(CallInfo call, Outcome outcome, Duration took) {}
}
