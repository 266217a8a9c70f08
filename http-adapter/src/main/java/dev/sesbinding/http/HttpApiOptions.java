package dev.sesbinding.http;

import dev.sesbinding.core.ServingLimits;
import java.util.Objects;

/**
 * How the HTTP API serves: where it listens, the limits it enforces (the same kind every adapter
 * enforces), the API token. Built only through {@link #builder()}; every setting has Dapr's default
 * where Dapr has one.
 */
public final class HttpApiOptions {
  private final String appId;
  private final String listenAddress;
  private final int port;
  private final ServingLimits limits;
  private final String apiToken;

  private HttpApiOptions(Builder builder) {
    this.appId = Objects.requireNonNull(builder.appId, "appId");
    this.listenAddress = Objects.requireNonNull(builder.listenAddress, "listenAddress");
    if (builder.port < 0 || builder.port > 65535) {
      throw new IllegalArgumentException("port must be from 0 to 65535: " + builder.port);
    }
    this.port = builder.port;
    this.limits = Objects.requireNonNull(builder.limits, "limits");
    this.apiToken = builder.apiToken == null ? "" : builder.apiToken;
  }

  public static Builder builder() {
    return new Builder();
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

  /**
   * Request size, requests in flight, the request, read (headers and body) and idle timeouts, the
   * grace period, and the byte budget and connection slots, perhaps shared with other adapters.
   */
  public ServingLimits limits() {
    return limits;
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
        + ", limits="
        + limits
        + ", apiToken="
        + (apiToken.isEmpty() ? "none" : "***")
        + "]";
  }

  /** Builds {@link HttpApiOptions}. */
  public static final class Builder {
    private String appId = "ses-binding";
    private String listenAddress = "127.0.0.1";
    private int port = 3500;
    private ServingLimits limits = ServingLimits.builder().build();
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

    public Builder limits(ServingLimits limits) {
      this.limits = limits;
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
