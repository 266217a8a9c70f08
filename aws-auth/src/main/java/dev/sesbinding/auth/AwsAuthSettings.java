package dev.sesbinding.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who signs AWS requests, in which region and against which endpoint, decoded and validated from a component's
 * metadata. Keys match case-insensitively and accept Dapr's aliases ({@code awsRegion}, {@code awsAccessKey}, ...).
 */
public final class AwsAuthSettings {
  private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private final String region;
  private final URI endpoint;
  private final CredentialSource credentials;

  private AwsAuthSettings(String region, URI endpoint, CredentialSource credentials) {
    this.region = region;
    this.endpoint = endpoint;
    this.credentials = Objects.requireNonNull(credentials, "credentials");
  }

  /** Decodes the auth keys of a component's metadata; fails with an {@link AwsAuthException} naming the key. */
  public static AwsAuthSettings fromMetadata(Map<String, String> metadata) {
    return new AwsAuthSettings(region(metadata), endpoint(metadata), credentials(metadata));
  }

  /** The region named in the metadata; empty means the SDK's region chain decides. */
  public Optional<String> region() {
    return Optional.ofNullable(region);
  }

  /** The endpoint override for every AWS client (SES and STS), if any. */
  public Optional<URI> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  public CredentialSource credentials() {
    return credentials;
  }

  @Override
  public String toString() {
    return "AwsAuthSettings[region=" + region + ", endpoint=" + endpoint + ", credentials=" + credentials + "]";
  }

  private static String region(Map<String, String> metadata) {
    String value = AwsKeys.REGION.in(metadata).orElse(null);
    if (value != null && !REGION.matcher(value).matches()) {
      throw new AwsAuthException(AwsKeys.REGION.key(),
          "metadata key \"region\": \"" + value + "\" is not an AWS region name (such as eu-west-1)");
    }
    return value;
  }

  private static URI endpoint(Map<String, String> metadata) {
    String value = AwsKeys.ENDPOINT.in(metadata).orElse(null);
    if (value == null) {
      return null;
    }
    try {
      URI uri = new URI(value);
      boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
      if (!http || uri.getHost() == null) {
        throw new URISyntaxException(value, "scheme must be http or https and a host is required");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new AwsAuthException(AwsKeys.ENDPOINT.key(), "metadata key \"endpoint\": \"" + value
          + "\" is not an absolute http(s) URL, such as http://127.0.0.1:4566 (" + e.getReason() + ")");
    }
  }

  private static CredentialSource credentials(Map<String, String> metadata) {
    Optional<String> accessKey = AwsKeys.ACCESS_KEY.in(metadata);
    Optional<String> secretKey = AwsKeys.SECRET_KEY.in(metadata);
    Optional<String> sessionToken = AwsKeys.SESSION_TOKEN.in(metadata);
    if (accessKey.isPresent() && secretKey.isEmpty()) {
      throw new AwsAuthException(AwsKeys.SECRET_KEY.key(),
          "metadata key \"secretKey\" is missing: \"accessKey\" is set, and static credentials need both");
    }
    if (secretKey.isPresent() && accessKey.isEmpty()) {
      throw new AwsAuthException(AwsKeys.ACCESS_KEY.key(),
          "metadata key \"accessKey\" is missing: \"secretKey\" is set, and static credentials need both");
    }
    if (accessKey.isEmpty()) {
      if (sessionToken.isPresent()) {
        throw new AwsAuthException(AwsKeys.SESSION_TOKEN.key(),
            "metadata key \"sessionToken\" needs \"accessKey\" and \"secretKey\" beside it");
      }
      return new CredentialSource.DefaultChain();
    }
    return sessionToken.<CredentialSource>map(token -> new CredentialSource.SessionKeys(accessKey.get(), secretKey.get(), token))
        .orElseGet(() -> new CredentialSource.StaticKeys(accessKey.get(), secretKey.get()));
  }
}
