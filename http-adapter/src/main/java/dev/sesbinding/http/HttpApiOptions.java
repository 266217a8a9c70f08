package dev.sesbinding.http;

import dev.sesbinding.core.ByteBudget;
import dev.sesbinding.core.ConnectionSlots;
import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP API serves: where it listens, the limits it enforces, its deadline and grace period,
 * the API token. Built only through {@link #builder()}; every setting has Dapr's default where Dapr
 * has one.
 */
public final class HttpApiOptions {
  private final String appId;
  private final String listenAddress;
  private final int port;
  private final long maxBodySize;
  private final int maxInFlight;
  private final Duration requestTimeout;
  private final Duration gracePeriod;
  private final Duration readTimeout;
  private final Duration idleTimeout;
  private final ByteBudget bufferBudget;
  private final ConnectionSlots connections;
  private final String apiToken;

  private HttpApiOptions(Builder builder) {
    this.appId = Objects.requireNonNull(builder.appId, "appId");
    this.listenAddress = Objects.requireNonNull(builder.listenAddress, "listenAddress");
    if (builder.port < 0 || builder.port > 65535) {
      throw new IllegalArgumentException("port must be from 0 to 65535: " + builder.port);
    }
    this.port = builder.port;
    if (builder.maxBodySize < 1) {
      throw new IllegalArgumentException("maxBodySize must be positive: " + builder.maxBodySize);
    }
    this.maxBodySize = builder.maxBodySize;
    if (builder.maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be positive: " + builder.maxInFlight);
    }
    this.maxInFlight = builder.maxInFlight;
    this.requestTimeout = Objects.requireNonNull(builder.requestTimeout, "requestTimeout");
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
    }
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
    this.apiToken = builder.apiToken == null ? "" : builder.apiToken;
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

  /** The id {@code /v1.0/metadata} reports. */
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

  /** The largest request body, in bytes (413 above). */
  public long maxBodySize() {
    return maxBodySize;
  }

  /** Binding requests handled at once (429 above). */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** The answer is 504 when a binding has not answered by then. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** How long requests in flight may take to finish when the API stops. */
  public Duration gracePeriod() {
    return gracePeriod;
  }

  /**
   * How long a request's headers may take to arrive on a new connection, and its body once its
   * headers have: 408 (or, for headers, the connection closed) after that.
   */
  public Duration readTimeout() {
    return readTimeout;
  }

  /**
   * How long a connection may stay idle, and how long the next request's headers may take on a
   * connection kept alive, before it is closed.
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * The request body bytes held at once, all requests together (429 above); other adapters may
   * share it.
   */
  public ByteBudget bufferBudget() {
    return bufferBudget;
  }

  /** The connections open at once (shared with other adapters); one more is closed at once. */
  public ConnectionSlots connections() {
    return connections;
  }

  /** The token every request but the health checks must carry, or empty for none. */
  public String apiToken() {
    return apiToken;
  }

  /** Everything but the API token's value. */
  @Override
  public String toString() {
    return "HttpApiOptions[appId="
        + appId
        + ", listenAddress="
        + listenAddress
        + ", port="
        + port
        + ", maxBodySize="
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
        + ", apiToken="
        + (apiToken.isEmpty() ? "none" : "***")
        + "]";
  }

  /** Builds {@link HttpApiOptions}. */
  public static final class Builder {
    private String appId = "ses-binding";
    private String listenAddress = "127.0.0.1";
    private int port = 3500;
    private long maxBodySize = 4L << 20;
    private int maxInFlight = 1024;
    private Duration requestTimeout = Duration.ofSeconds(20);
    private Duration gracePeriod = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private ByteBudget bufferBudget;
    private ConnectionSlots connections;
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

    public Builder maxBodySize(long maxBodySize) {
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

    /** The budget of request body bytes; a budget of its own of 64 MiB when not given. */
    public Builder bufferBudget(ByteBudget bufferBudget) {
      this.bufferBudget = bufferBudget;
      return this;
    }

    /** The connection slots to draw on; 10,000 of its own when not given. */
    public Builder connections(ConnectionSlots connections) {
      this.connections = connections;
      return this;
    }

    public Builder apiToken(String apiToken) {
      this.apiToken = apiToken;
      return this;
    }

    public HttpApiOptions build() {
      return new HttpApiOptions(this);
    }
  }
}
