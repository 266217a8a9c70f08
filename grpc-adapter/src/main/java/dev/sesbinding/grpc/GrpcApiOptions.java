package dev.sesbinding.grpc;

import dev.sesbinding.core.ServingLimits;
import java.util.Objects;

/**
 * How Dapr's gRPC API serves: where it listens, the API token, the id it reports, and its {@link
 * ServingLimits}. Built only through {@link #builder()}; every setting has Dapr's default where
 * Dapr has one.
 */
public final class GrpcApiOptions {
  private final String appId;
  private final String listenAddress;
  private final int port;
  private final String apiToken;
  private final ServingLimits limits;

  private GrpcApiOptions(Builder builder) {
    this.appId = Objects.requireNonNull(builder.appId, "appId");
    this.listenAddress = Objects.requireNonNull(builder.listenAddress, "listenAddress");
    if (builder.port < 0 || builder.port > 65535) {
      throw new IllegalArgumentException("port must be from 0 to 65535: " + builder.port);
    }
    this.port = builder.port;
    this.apiToken = builder.apiToken == null ? "" : builder.apiToken;
    this.limits = Objects.requireNonNull(builder.limits, "limits");
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

  /** The token every call but health and reflection must carry, or empty for none. */
  public String apiToken() {
    return apiToken;
  }

  /** How its calls are bounded. */
  public ServingLimits limits() {
    return limits;
  }

  /** Everything but the API token's value. */
  @Override
  public String toString() {
    return "GrpcApiOptions[appId="
        + appId
        + ", listenAddress="
        + listenAddress
        + ", port="
        + port
        + ", apiToken="
        + (apiToken.isEmpty() ? "none" : "***")
        + "]";
  }

  /** Builds {@link GrpcApiOptions}. */
  public static final class Builder {
    private String appId = "ses-binding";
    private String listenAddress = "127.0.0.1";
    private int port = 50001;
    private String apiToken = "";
    private ServingLimits limits = ServingLimits.builder().build();

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

    public Builder apiToken(String apiToken) {
      this.apiToken = apiToken;
      return this;
    }

    public Builder limits(ServingLimits limits) {
      this.limits = limits;
      return this;
    }

    public GrpcApiOptions build() {
      return new GrpcApiOptions(this);
    }
  }
}
