package dev.sesbinding.grpc;

import dev.sesbinding.core.ByteBudget;
import dev.sesbinding.core.ConnectionSlots;
import java.time.Duration;
import java.util.Objects;

/**
 * How a gRPC server of this adapter bounds its calls, for Dapr's runtime API and the pluggable
 * component alike: message size, calls in flight, request and read timeouts, idle connections, the
 * byte budget and the grace period on stop. Built only through {@link #builder()}.
 */
public final class GrpcLimits {
  private final int maxMessageSize;
  private final int maxInFlight;
  private final Duration requestTimeout;
  private final Duration gracePeriod;
  private final Duration readTimeout;
  private final Duration idleTimeout;
  private final ByteBudget bufferBudget;
  private final ConnectionSlots connections;

  private GrpcLimits(Builder builder) {
    if (builder.maxMessageSize < 1 || builder.maxInFlight < 1) {
      throw new IllegalArgumentException("maxMessageSize and maxInFlight must be positive");
    }
    this.maxMessageSize = builder.maxMessageSize;
    this.maxInFlight = builder.maxInFlight;
    this.requestTimeout = Objects.requireNonNull(builder.requestTimeout, "requestTimeout");
    this.gracePeriod = Objects.requireNonNull(builder.gracePeriod, "gracePeriod");
    this.readTimeout = positive(builder.readTimeout, "readTimeout");
    this.idleTimeout = positive(builder.idleTimeout, "idleTimeout");
    this.bufferBudget =
        builder.bufferBudget == null ? ByteBudget.of(64L << 20) : builder.bufferBudget;
    this.connections =
        builder.connections == null ? ConnectionSlots.of(10_000) : builder.connections;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The largest request message, in bytes ({@code RESOURCE_EXHAUSTED} above). */
  public int maxMessageSize() {
    return maxMessageSize;
  }

  /** Binding calls handled at once ({@code RESOURCE_EXHAUSTED} with RetryInfo above). */
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

  /**
   * A call's request message must arrive within this of its headers ({@code DEADLINE_EXCEEDED}).
   */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** A connection with no call for this long is closed. */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** The request bytes held at once, shared with other adapters ({@code RESOURCE_EXHAUSTED}). */
  public ByteBudget bufferBudget() {
    return bufferBudget;
  }

  /** The connections open at once (shared with other adapters); one more is closed at once. */
  public ConnectionSlots connections() {
    return connections;
  }

  private static Duration positive(Duration duration, String name) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
    return duration;
  }

  /**
   * Dapr's defaults where Dapr has them: 4 MiB messages, 1,024 in flight, 20 s per call, 10 s to
   * read a message, 60 s idle, a budget of 64 MiB, 5 s to stop.
   */
  public static final class Builder {
    private int maxMessageSize = 4 << 20;
    private int maxInFlight = 1024;
    private Duration requestTimeout = Duration.ofSeconds(20);
    private Duration gracePeriod = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private ByteBudget bufferBudget;
    private ConnectionSlots connections;

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

    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
      return this;
    }

    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
      return this;
    }

    /** The budget of request bytes; a budget of its own of 64 MiB when not given. */
    public Builder bufferBudget(ByteBudget bufferBudget) {
      this.bufferBudget = bufferBudget;
      return this;
    }

    /** The connection slots to draw on; 10,000 of its own when not given. */
    public Builder connections(ConnectionSlots connections) {
      this.connections = connections;
      return this;
    }

    public Builder gracePeriod(Duration gracePeriod) {
      this.gracePeriod = gracePeriod;
      return this;
    }

    public GrpcLimits build() {
      return new GrpcLimits(this);
    }
  }
}
