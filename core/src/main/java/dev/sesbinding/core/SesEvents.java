package dev.sesbinding.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a component's sends meet on their way to SES, for metrics: each attempt's outcome, and the
 * pacing of a component with {@code maxSendRate}. Told on the SDK's or the pacer's thread, so an
 * implementation must be quick and must not block; what it throws is ignored. Never told an
 * address, a subject or a body.
 */
public interface SesEvents {
  /** Told nothing. */
  SesEvents NONE = new SesEvents() {};

  /** How one attempt of a send ended at SES. */
  enum Attempt {
    /** SES accepted the email. */
    SUCCESS,
    /** SES throttled it (rate or daily quota). */
    THROTTLED,
    /** SES refused it (a 4xx other than throttling). */
    REJECTED,
    /** SES failed (5xx). */
    SERVER_ERROR,
    /** SES could not be reached, or the connection failed. */
    NETWORK,
    /** No answer within the attempt's time (or the attempt was called off). */
    TIMEOUT
  }

  /** One send on its way to SES, told of each of its attempts as it ends. */
  @FunctionalInterface
  interface Send {
    /**
     * Attempt number {@code number} (from 1; above 1 a retry) began at {@code started}, took {@code
     * took}, and ended with {@code outcome}.
     */
    void attempted(Attempt outcome, int number, Instant started, Duration took);
  }

  /**
   * A send by {@code component} leaves for SES: called on the thread that hands it to the SDK (the
   * caller's, or with {@code maxSendRate} the pacer's); the send's attempts are told to what it
   * returns. By default, to {@link #attempted(String, Attempt, int)}.
   */
  default Send sending(String component) {
    return (outcome, number, started, took) -> attempted(component, outcome, number);
  }

  /**
   * Attempt number {@code number} (from 1; above 1 a retry) of a send by {@code component} ended
   * with {@code outcome}.
   */
  default void attempted(String component, Attempt outcome, int number) {}

  /** Tells each of {@code events}, in order; what one throws does not keep the others from it. */
  static SesEvents all(List<SesEvents> events) {
    List<SesEvents> each = List.copyOf(events);
    return new SesEvents() {
      @Override
      public Send sending(String component) {
        List<Send> sends = each.stream().map(events -> events.sending(component)).toList();
        return (outcome, number, started, took) -> {
          for (Send send : sends) {
            try {
              send.attempted(outcome, number, started, took);
            } catch (RuntimeException e) {
              // one listener's failure is not the others'
            }
          }
        };
      }

      @Override
      public void paced(String component, Duration wait) {
        each.forEach(events -> events.paced(component, wait));
      }

      @Override
      public void pacingRefused(String component) {
        each.forEach(events -> events.pacingRefused(component));
      }
    };
  }

  /** A send by {@code component} waits {@code wait} for its turn under the send rate. */
  default void paced(String component, Duration wait) {}

  /** A send by {@code component} was refused: its turn under the send rate would come too late. */
  default void pacingRefused(String component) {}
}
