package dev.sesbinding.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How an adapter bounds what it serves, the same for every adapter (the HTTP API, Dapr's gRPC API,
 * the pluggable component): the largest request, requests in flight, the request, read and idle
 * timeouts, the grace period on stop, and the byte budget and connection slots that adapters of one
 * server share. Built only through {@link #builder()}; every setting has a default.
 */
public final class ServingLimits {
  private final int maxBodySize;
  private final int maxInFlight;
  private final Duration requestTimeout;
  private final Duration gracePeriod;
  private final Duration readTimeout;
  private final Duration idleTimeout;
  private final ByteBudget bufferBudget;
  private final ConnectionSlots connections;

  private ServingLimits(Builder builder) {
    if (builder.maxBodySize < 1) {
      throw new IllegalArgumentException("maxBodySize must be positive: " + builder.maxBodySize);
    }
    if (builder.maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be positive: " + builder.maxInFlight);
    }
    this.maxBodySize = builder.maxBodySize;
    this.maxInFlight = builder.maxInFlight;
    this.requestTimeout = positive(builder.requestTimeout, "requestTimeout");
    this.gracePeriod = Objects.requireNonNull(builder.gracePeriod, "gracePeriod");
    this.readTimeout = positive(builder.readTimeout, "readTimeout");
    this.idleTimeout = positive(builder.idleTimeout, "idleTimeout");
    this.bufferBudget =
        builder.bufferBudget == null ? ByteBudget.of(64L << 20) : builder.bufferBudget;
    if (bufferBudget.limit() < maxBodySize) {
      throw new IllegalArgumentException(
          "the buffer budget ("
              + bufferBudget.limit()
              + ") must hold at least one body of maxBodySize ("
              + maxBodySize
              + ")");
    }
    this.connections =
        builder.connections == null ? ConnectionSlots.of(10_000) : builder.connections;
  }

  public static Builder builder() {
    return new Builder();
  }

  private static Duration positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
    return duration;
  }

  /** The largest request body or message, in bytes (413 / {@code RESOURCE_EXHAUSTED} above). */
  public int maxBodySize() {
    return maxBodySize;
  }

  /** Binding requests handled at once (429 / {@code RESOURCE_EXHAUSTED} above). */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** A binding that has not answered by then: 504 / {@code DEADLINE_EXCEEDED}. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** How long requests in flight may take to finish when the adapter stops. */
  public Duration gracePeriod() {
    return gracePeriod;
  }

  /**
   * How long a request's headers may take to arrive on a new connection (a gRPC connection its
   * handshake), and its body or message once its headers have.
   */
  public Duration readTimeout() {
    return readTimeout;
  }

  /**
   * How long a connection may stay idle, and how long the next request's headers may take on an
   * HTTP connection kept alive, before it is closed.
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** The request bytes held at once, all requests together (429 above); adapters may share it. */
  public ByteBudget bufferBudget() {
    return bufferBudget;
  }

  /** The connections open at once (adapters may share them); one more is closed at once. */
  public ConnectionSlots connections() {
    return connections;
  }

  @Override
  public String toString() {
    return "ServingLimits[maxBodySize="
        + maxBodySize
        + ", maxInFlight="
        + maxInFlight
        + ", requestTimeout="
        + requestTimeout
        + ", gracePeriod="
        + gracePeriod
        + ", readTimeout="
        + readTimeout
        + ", idleTimeout="
        + idleTimeout
        + ", bufferBudget="
        + bufferBudget.limit()
        + ", maxConnections="
        + connections.limit()
        + "]";
  }

  /** Builds {@link ServingLimits}; the defaults are Dapr's where Dapr has one. */
  public static final class Builder {
    private int maxBodySize = 4 << 20;
    private int maxInFlight = 1024;
    private Duration requestTimeout = Duration.ofSeconds(20);
    private Duration gracePeriod = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private ByteBudget bufferBudget;
    private ConnectionSlots connections;

    private Builder() {}

    public Builder maxBodySize(int maxBodySize) {
      this.maxBodySize = maxBodySize;
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

    public ServingLimits build() {
      return new ServingLimits(this);
    }
  }
}
