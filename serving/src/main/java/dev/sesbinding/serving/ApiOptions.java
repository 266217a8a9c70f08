package dev.sesbinding.serving;

import java.util.Objects;

/**
 * Where one of Dapr's APIs listens (the HTTP API or the gRPC API) and what it asks of callers: the
 * app id it reports, the address and port, the API token. Its limits are its {@link
 * InvocationPipeline}'s. Built only through {@link #builder()}.
 */
public final class ApiOptions {
  /** The app id reported when none is given. */
  public static final String DEFAULT_APP_ID = "ses-binding";

  /** Where an API listens when not told: loopback only. */
  public static final String DEFAULT_LISTEN_ADDRESS = "127.0.0.1";

  /** The runtime version the APIs' metadata reports. */
  public static final String RUNTIME_VERSION = "ses-binding/0.1.0";

  private final String appId;
  private final String listenAddress;
  private final int port;
  private final String apiToken;

  private ApiOptions(Builder builder) {
    this.appId = Objects.requireNonNull(builder.appId, "appId");
    this.listenAddress = Objects.requireNonNull(builder.listenAddress, "listenAddress");
    if (builder.port < 0 || builder.port > 65535) {
      throw new IllegalArgumentException("port must be from 0 to 65535: " + builder.port);
    }
    this.port = builder.port;
    this.apiToken = builder.apiToken == null ? "" : builder.apiToken;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The id the API's metadata reports. */
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

  /** The token every call but health checks and reflection must carry, or empty for none. */
  public String apiToken() {
    return apiToken;
  }

  /** Everything but the API token's value. */
  @Override
  public String toString() {
    return "ApiOptions[appId="
        + appId
        + ", listenAddress="
        + listenAddress
        + ", port="
        + port
        + ", apiToken="
        + (apiToken.isEmpty() ? "none" : "***")
        + "]";
  }

  /** Builds {@link ApiOptions}: app id {@code ses-binding} on 127.0.0.1, a free port, no token. */
  public static final class Builder {
    private String appId = DEFAULT_APP_ID;
    private String listenAddress = DEFAULT_LISTEN_ADDRESS;
    private int port;
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

    public Builder apiToken(String apiToken) {
      this.apiToken = apiToken;
      return this;
    }

    public ApiOptions build() {
      return new ApiOptions(this);
    }
  }
}
