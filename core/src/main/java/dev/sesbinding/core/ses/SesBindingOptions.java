package dev.sesbinding.core.ses;

import dev.sesbinding.core.SesEvents;
import dev.sesbinding.core.internal.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * What a component's YAML cannot say: the caller's deadline, SES timeouts and retries, where the
 * one blocking step of init runs (reading the AWS region and credential chain), where answers
 * complete, a transport of your own, who is told of SES attempts ({@link SesEvents}), the clock.
 * Built only through {@link #builder()}; every setting has a default.
 */
public final class SesBindingOptions {
  private static final Duration MAX_DEADLINE_MARGIN = Duration.ofMillis(250);

  private final Executor initExecutor;
  private final Duration apiCallTimeout;
  private final Duration apiCallAttemptTimeout;
  private final int maxAttempts;
  private final Duration retryBaseDelay;
  private final Duration retryMaxDelay;
  private final EmailTransport transport;
  private final SesHttpClient sesHttpClient;
  private final Executor completionExecutor;
  private final Clock clock;
  private final SesEvents events;

  private SesBindingOptions(Builder builder) {
    Objects.requireNonNull(builder.initExecutor, "initExecutor");
    requirePositive(builder.apiCallTimeout, "apiCallTimeout");
    requirePositive(builder.apiCallAttemptTimeout, "apiCallAttemptTimeout");
    requirePositive(builder.retryBaseDelay, "retryBaseDelay");
    requirePositive(builder.retryMaxDelay, "retryMaxDelay");
    if (builder.maxAttempts < 1 || builder.maxAttempts > 10) {
      throw new IllegalArgumentException(
          "maxAttempts must be between 1 and 10: " + builder.maxAttempts);
    }
    this.initExecutor = builder.initExecutor;
    this.maxAttempts = builder.maxAttempts;
    this.retryBaseDelay = builder.retryBaseDelay;
    this.retryMaxDelay = builder.retryMaxDelay;
    this.transport = builder.transport;
    this.sesHttpClient = builder.sesHttpClient;
    this.completionExecutor = builder.completionExecutor;
    this.clock = Objects.requireNonNull(builder.clock, "clock");
    this.events = Objects.requireNonNull(builder.events, "events");
    if (builder.deadline == null) {
      this.apiCallTimeout = builder.apiCallTimeout;
      this.apiCallAttemptTimeout = builder.apiCallAttemptTimeout;
    } else {
      requirePositive(builder.deadline, "deadline");
      Duration margin = min(MAX_DEADLINE_MARGIN, builder.deadline.dividedBy(10));
      this.apiCallTimeout = min(builder.apiCallTimeout, builder.deadline.minus(margin));
      this.apiCallAttemptTimeout =
          min(builder.apiCallAttemptTimeout, apiCallTimeout.dividedBy(maxAttempts));
    }
  }

  /**
   * Defaults: 15 s per call, 5 s per attempt, 3 attempts, backoff from 100 ms up to 2 s, SES or
   * outbox by metadata, init's blocking step on a thread of its own.
   */
  public static SesBindingOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Where the blocking step of init runs. */
  public Executor initExecutor() {
    return initExecutor;
  }

  /** The SDK's timeout for a whole call, retries included. */
  public Duration apiCallTimeout() {
    return apiCallTimeout;
  }

  /** The SDK's timeout for one attempt. */
  public Duration apiCallAttemptTimeout() {
    return apiCallAttemptTimeout;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration retryBaseDelay() {
    return retryBaseDelay;
  }

  public Duration retryMaxDelay() {
    return retryMaxDelay;
  }

  /**
   * The caller's transport, which the binding uses instead of SES or the outbox and never closes.
   */
  public Optional<EmailTransport> transport() {
    return Optional.ofNullable(transport);
  }

  /**
   * The HTTP client over which the binding speaks SES's Query protocol itself; empty: the AWS SDK's
   * client. Either way the same requests, retries' bounds and error table.
   */
  public Optional<SesHttpClient> sesHttpClient() {
    return Optional.ofNullable(sesHttpClient);
  }

  /**
   * Where {@code invoke}'s stage completes; empty: the SDK's own completion pool, or with {@link
   * #sesHttpClient()} the common pool.
   */
  public Optional<Executor> completionExecutor() {
    return Optional.ofNullable(completionExecutor);
  }

  public Clock clock() {
    return clock;
  }

  /** Who is told of each SES attempt and of pacing; {@link SesEvents#NONE} by default. */
  public SesEvents events() {
    return events;
  }

  @Override
  public String toString() {
    return "SesBindingOptions[apiCallTimeout="
        + apiCallTimeout
        + ", apiCallAttemptTimeout="
        + apiCallAttemptTimeout
        + ", maxAttempts="
        + maxAttempts
        + ", retryBaseDelay="
        + retryBaseDelay
        + ", retryMaxDelay="
        + retryMaxDelay
        + (transport == null ? "" : ", transport=" + transport.getClass().getSimpleName())
        + (sesHttpClient == null
            ? ""
            : ", sesHttpClient=" + sesHttpClient.getClass().getSimpleName())
        + "]";
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Builds {@link SesBindingOptions}; every setting has a default. */
  public static final class Builder {
    private Executor initExecutor = DaemonThreads.perTask("ses-binding-init");
    private Duration deadline;
    private Duration apiCallTimeout = Duration.ofSeconds(15);
    private Duration apiCallAttemptTimeout = Duration.ofSeconds(5);
    private int maxAttempts = 3;
    private Duration retryBaseDelay = Duration.ofMillis(100);
    private Duration retryMaxDelay = Duration.ofSeconds(2);
    private EmailTransport transport;
    private SesHttpClient sesHttpClient;
    private Executor completionExecutor;
    private Clock clock = Clock.systemUTC();
    private SesEvents events = SesEvents.NONE;

    private Builder() {}

    /**
     * Runs init's blocking step (the AWS region and credential chains, STS calls) here instead of
     * on a new daemon thread of its own.
     */
    public Builder initExecutor(Executor initExecutor) {
      this.initExecutor = initExecutor;
      return this;
    }

    /**
     * How long a caller waits for {@code invoke}'s answer. The SES call ends just before it (a
     * tenth earlier, at most 250 ms), and each attempt gets at most an equal share of the call, so
     * that one hung attempt is retried instead of using up the whole call. Lowers the call and
     * attempt timeouts, never raises them.
     */
    public Builder deadline(Duration deadline) {
      this.deadline = deadline;
      return this;
    }

    public Builder apiCallTimeout(Duration apiCallTimeout) {
      this.apiCallTimeout = apiCallTimeout;
      return this;
    }

    public Builder apiCallAttemptTimeout(Duration apiCallAttemptTimeout) {
      this.apiCallAttemptTimeout = apiCallAttemptTimeout;
      return this;
    }

    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder retryBaseDelay(Duration retryBaseDelay) {
      this.retryBaseDelay = retryBaseDelay;
      return this;
    }

    public Builder retryMaxDelay(Duration retryMaxDelay) {
      this.retryMaxDelay = retryMaxDelay;
      return this;
    }

    /**
     * Sends through this transport instead of SES or the outbox. The caller keeps it, and closes
     * it.
     */
    public Builder transport(EmailTransport transport) {
      this.transport = transport;
      return this;
    }

    /**
     * Speaks SES's Query protocol over this HTTP client instead of through the AWS SDK's client:
     * the binding builds, signs (SigV4) and reads each call itself, and retries only where SES
     * cannot have taken the email. The caller keeps the client, and closes it after the binding.
     */
    public Builder sesHttpClient(SesHttpClient sesHttpClient) {
      this.sesHttpClient = sesHttpClient;
      return this;
    }

    /**
     * Completes {@code invoke}'s stage on this executor instead of the SDK's completion pool.
     * {@code Runnable::run} completes on the SDK's network thread and saves a thread hop per email,
     * for callers whose callbacks never block (an event loop that hands the answer on at once); a
     * blocking callback there would stall every send.
     */
    public Builder completionExecutor(Executor completionExecutor) {
      this.completionExecutor = completionExecutor;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Tells {@code events} of each SES attempt and of pacing (for metrics). */
    public Builder events(SesEvents events) {
      this.events = events;
      return this;
    }

    public SesBindingOptions build() {
      return new SesBindingOptions(this);
    }
  }
}
