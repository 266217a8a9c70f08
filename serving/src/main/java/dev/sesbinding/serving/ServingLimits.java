package dev.sesbinding.serving;

import java.time.Duration;
import java.util.Objects;

/**
 * How an adapter bounds what it serves, the same for every adapter (the HTTP API, Dapr's gRPC API,
 * the pluggable component): the largest request, requests in flight, the request, read and idle
 * timeouts, the grace period on stop, the request bytes held at once and the connections open at
 * once. Values only: the live counts they bound are a server's {@link Capacity}, which every way in
 * of that server shares. Built only through {@link #builder()}; every setting has a default.
 */
public final class ServingLimits {
  private static final ServingLimits DEFAULTS = builder().build();

  private final int maxBodySize;
  private final int maxInFlight;
  private final Duration requestTimeout;
  private final Duration gracePeriod;
  private final Duration readTimeout;
  private final Duration idleTimeout;
  private final long maxBufferedBytes;
  private final int maxConnections;

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
    if (builder.maxBufferedBytes < maxBodySize) {
      throw new IllegalArgumentException(
          "maxBufferedBytes ("
              + builder.maxBufferedBytes
              + ") must hold at least one body of maxBodySize ("
              + maxBodySize
              + ")");
    }
    if (builder.maxConnections < 1) {
      throw new IllegalArgumentException(
          "maxConnections must be positive: " + builder.maxConnections);
    }
    this.maxBufferedBytes = builder.maxBufferedBytes;
    this.maxConnections = builder.maxConnections;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every setting at its default: Dapr's where Dapr has one. */
  public static ServingLimits defaults() {
    return DEFAULTS;
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

  /** The request bytes held at once, all requests of every way in together (429 above). */
  public long maxBufferedBytes() {
    return maxBufferedBytes;
  }

  /** The connections open at once, of every way in together; one more is closed at once. */
  public int maxConnections() {
    return maxConnections;
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
        + ", maxBufferedBytes="
        + maxBufferedBytes
        + ", maxConnections="
        + maxConnections
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
    private long maxBufferedBytes = 64L << 20;
    private int maxConnections = 10_000;

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

    public Builder maxBufferedBytes(long maxBufferedBytes) {
      this.maxBufferedBytes = maxBufferedBytes;
      return this;
    }

    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    public ServingLimits build() {
      return new ServingLimits(this);
    }
  }
}
