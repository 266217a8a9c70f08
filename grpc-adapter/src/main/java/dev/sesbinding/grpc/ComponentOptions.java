package dev.sesbinding.grpc;

import java.time.Duration;
import java.util.Objects;

/**
 * How the pluggable component serves on its socket: its limits, request timeout and grace period.
 * Built only through {@link #builder()}.
 */
public final class ComponentOptions {
  private final int maxMessageSize;
  private final int maxInFlight;
  private final Duration requestTimeout;
  private final Duration gracePeriod;

  private ComponentOptions(Builder builder) {
    if (builder.maxMessageSize < 1 || builder.maxInFlight < 1) {
      throw new IllegalArgumentException("maxMessageSize and maxInFlight must be positive");
    }
    this.maxMessageSize = builder.maxMessageSize;
    this.maxInFlight = builder.maxInFlight;
    this.requestTimeout = Objects.requireNonNull(builder.requestTimeout, "requestTimeout");
    this.gracePeriod = Objects.requireNonNull(builder.gracePeriod, "gracePeriod");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The largest request message, in bytes ({@code RESOURCE_EXHAUSTED} above). */
  public int maxMessageSize() {
    return maxMessageSize;
  }

  /** Invokes handled at once, over every instance ({@code RESOURCE_EXHAUSTED} above). */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** {@code DEADLINE_EXCEEDED} when a binding has not answered by then, or by daprd's deadline. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** How long calls in flight may take to finish when the component stops. */
  public Duration gracePeriod() {
    return gracePeriod;
  }

  /** Dapr's defaults: 4 MiB messages, 1,024 in flight, 20 s per call, 5 s to stop. */
  public static final class Builder {
    private int maxMessageSize = 4 << 20;
    private int maxInFlight = 1024;
    private Duration requestTimeout = Duration.ofSeconds(20);
    private Duration gracePeriod = Duration.ofSeconds(5);

    private Builder() {}

    public Builder maxMessageSize(int maxMessageSize) {
      this.maxMessageSize = maxMessageSize;
      return this;
    }

    public Builder maxInFlight(int maxInFlight) {
      this.maxInFlight = maxInFlight;
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    public Builder gracePeriod(Duration gracePeriod) {
      this.gracePeriod = gracePeriod;
      return this;
    }

    public ComponentOptions build() {
      return new ComponentOptions(this);
    }
  }
}
