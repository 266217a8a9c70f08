package dev.sesbinding.core.ses;

import java.time.Duration;

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

  /**
   * Attempt number {@code number} (from 1; above 1 a retry) of a send by {@code component} ended
   * with {@code outcome}.
   */
  default void attempted(String component, Attempt outcome, int number) {}

  /** A send by {@code component} waits {@code wait} for its turn under the send rate. */
  default void paced(String component, Duration wait) {}

  /** A send by {@code component} was refused: its turn under the send rate would come too late. */
  default void pacingRefused(String component) {}
}
