package dev.sesbinding.grpc;

import dev.sesbinding.core.ByteBudget;
import java.time.Duration;
import java.util.Objects;

/**
 * How Dapr's gRPC API serves: where it listens, its limits, deadline and grace period, the API
 * token. Built only through {@link #builder()}; every setting has Dapr's default where Dapr has
 * one.
 */
public final class GrpcApiOptions {
  private final String appId;
  private final String listenAddress;
  private final int port;
  private final int maxMessageSize;
  private final int maxInFlight;
  private final Duration requestTimeout;
  private final Duration gracePeriod;
  private final Duration readTimeout;
  private final Duration idleTimeout;
  private final ByteBudget bufferBudget;
  private final String apiToken;

  private GrpcApiOptions(Builder builder) {
    this.appId = Objects.requireNonNull(builder.appId, "appId");
    this.listenAddress = Objects.requireNonNull(builder.listenAddress, "listenAddress");
    if (builder.port < 0 || builder.port > 65535) {
      throw new IllegalArgumentException("port must be from 0 to 65535: " + builder.port);
    }
    this.port = builder.port;
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
    this.apiToken = builder.apiToken == null ? "" : builder.apiToken;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The id {@code GetMetadata} reports. */
  public String appId() {
    return appId;
  }

  public String listenAddress() {
    return listenAddress;
  }

  /** The port to listen on; 0 picks a free one. */
  public int port() {
    return port;
  }

  /** The largest request message, in bytes ({@code RESOURCE_EXHAUSTED} above). */
  public int maxMessageSize() {
    return maxMessageSize;
  }

  /** Binding calls handled at once ({@code RESOURCE_EXHAUSTED} with RetryInfo above). */
  public int maxInFlight() {
    return maxInFlight;
  }

  /**
   * {@code DEADLINE_EXCEEDED} when a binding has not answered by then, or by the caller's deadline.
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** How long calls in flight may take to finish when the API stops. */
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

  private static Duration positive(Duration duration, String name) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
    return duration;
  }

  /** The token every call but health and reflection must carry, or empty for none. */
  public String apiToken() {
    return apiToken;
  }

  @Override
  public String toString() {
    return "GrpcApiOptions[appId="
        + appId
        + ", listenAddress="
        + listenAddress
        + ", port="
        + port
        + ", maxMessageSize="
        + maxMessageSize
        + ", maxInFlight="
        + maxInFlight
        + ", requestTimeout="
        + requestTimeout
        + ", gracePeriod="
        + gracePeriod
        + ", apiToken="
        + (apiToken.isEmpty() ? "none" : "***")
        + "]";
  }

  /** Builds {@link GrpcApiOptions}. */
  public static final class Builder {
    private String appId = "ses-binding";
    private String listenAddress = "127.0.0.1";
    private int port = 50001;
    private int maxMessageSize = 4 << 20;
    private int maxInFlight = 1024;
    private Duration requestTimeout = Duration.ofSeconds(20);
    private Duration gracePeriod = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private ByteBudget bufferBudget;
    private String apiToken = "";

    private Builder() {}

    public Builder appId(String appId) {
      this.appId = appId;
      return this;
    }

    public Builder listenAddress(String listenAddress) {
      this.listenAddress = listenAddress;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

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

    public Builder gracePeriod(Duration gracePeriod) {
      this.gracePeriod = gracePeriod;
      return this;
    }

    public Builder apiToken(String apiToken) {
      this.apiToken = apiToken;
      return this;
    }

    public GrpcApiOptions build() {
      return new GrpcApiOptions(this);
    }
  }
}
