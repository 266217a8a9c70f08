package dev.sesbinding.core.ses;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * What a component's YAML cannot say: the executor for the one blocking step of init (reading the AWS region and
 * credentials chain), SES timeouts and retries, a transport of your own, the clock, and where SES answers complete.
 */
public record SesBindingOptions(
    Executor initExecutor,
    Duration apiCallTimeout,
    Duration apiCallAttemptTimeout,
    int maxAttempts,
    Duration retryBaseDelay,
    Duration retryMaxDelay,
    EmailTransport transport,
    Clock clock,
    boolean completeOnIoThread) {

  public SesBindingOptions {
    Objects.requireNonNull(initExecutor, "initExecutor");
    requirePositive(apiCallTimeout, "apiCallTimeout");
    requirePositive(apiCallAttemptTimeout, "apiCallAttemptTimeout");
    requirePositive(retryBaseDelay, "retryBaseDelay");
    requirePositive(retryMaxDelay, "retryMaxDelay");
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("maxAttempts must be between 1 and 10: " + maxAttempts);
    }
    Objects.requireNonNull(clock, "clock");
  }

  /** Defaults: 15 s per call, 5 s per attempt, 3 attempts, backoff from 100 ms up to 2 s, SES or outbox by metadata. */
  public static SesBindingOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }

  /** Builds {@link SesBindingOptions}; every setting has a default. */
  public static final class Builder {
    private Executor initExecutor = ForkJoinPool.commonPool();
    private Duration apiCallTimeout = Duration.ofSeconds(15);
    private Duration apiCallAttemptTimeout = Duration.ofSeconds(5);
    private int maxAttempts = 3;
    private Duration retryBaseDelay = Duration.ofMillis(100);
    private Duration retryMaxDelay = Duration.ofSeconds(2);
    private EmailTransport transport;
    private Clock clock = Clock.systemUTC();
    private boolean completeOnIoThread;

    private Builder() {}

    public Builder initExecutor(Executor initExecutor) {
      this.initExecutor = initExecutor;
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

    /** Sends through this transport instead of SES or the outbox; the binding closes it. */
    public Builder transport(EmailTransport transport) {
      this.transport = transport;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Completes {@code invoke}'s stage on the SDK's network thread instead of its completion pool, saving a thread
     * hop per email. Only for callers whose callbacks never block (the HTTP adapter moves to its event loop at once);
     * a blocking callback there would stall every send. Off by default.
     */
    public Builder completeOnIoThread(boolean completeOnIoThread) {
      this.completeOnIoThread = completeOnIoThread;
      return this;
    }

    public SesBindingOptions build() {
      return new SesBindingOptions(initExecutor, apiCallTimeout, apiCallAttemptTimeout, maxAttempts, retryBaseDelay,
          retryMaxDelay, transport, clock, completeOnIoThread);
    }
  }
}
