package dev.sesbinding.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Who signs AWS requests, in which region and against which endpoint, decoded and validated from a
 * component's metadata: static keys or the default chain, then an optional chain of roles. Keys
 * match case-insensitively and accept Dapr's aliases ({@code awsRegion}, {@code awsAccessKey},
 * {@code awsIamRoleArn}, ...).
 */
public final class AwsAuthSettings {
  /** STS's default session name in Dapr. */
  public static final String DEFAULT_SESSION_NAME = "DaprDefaultSession";

  public static final Duration DEFAULT_DURATION = Duration.ofHours(1);
  public static final Duration MIN_DURATION = Duration.ofMinutes(15);
  public static final Duration MAX_DURATION = Duration.ofHours(12);

  /** AWS refuses a longer session for a role assumed with another role's credentials. */
  public static final Duration MAX_CHAINED_DURATION = Duration.ofHours(1);

  private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

  private final String region;
  private final URI endpoint;
  private final CredentialSource credentials;
  private final List<RoleHop> roleChain;
  private final List<String> warnings;

  private AwsAuthSettings(
      String region,
      URI endpoint,
      CredentialSource credentials,
      List<RoleHop> roleChain,
      List<String> warnings) {
    this.region = region;
    this.endpoint = endpoint;
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.roleChain = List.copyOf(roleChain);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Decodes the auth keys of a component's metadata; fails with an {@link AwsAuthException} naming
   * the key.
   */
  public static AwsAuthSettings fromMetadata(Map<String, String> metadata) {
    return fromMetadata(metadata, Set.of());
  }

  /**
   * Decodes the auth keys, and warns of unknown keys that look like typos of an AWS key or of
   * {@code otherKnownKeys} (the component's own keys).
   */
  public static AwsAuthSettings fromMetadata(
      Map<String, String> metadata, Collection<String> otherKnownKeys) {
    TreeMap<String, String> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    keys.putAll(metadata);
    List<String> warnings = new ArrayList<>();
    List<String> known = new ArrayList<>(AwsKeys.allNames());
    known.addAll(otherKnownKeys);
    warnings.addAll(KeyTypos.warnings(metadata.keySet(), known));
    try {
      List<RoleHop> chain = roleChain(keys, warnings);
      return new AwsAuthSettings(region(keys), endpoint(keys), credentials(keys), chain, warnings);
    } catch (AwsAuthException e) {
      if (warnings.isEmpty()) {
        throw e;
      }
      // A key that fails may be a typo's victim: the hint belongs in the error, not only the log.
      throw new AwsAuthException(
          e.key(), e.getMessage() + " (" + String.join("; ", warnings) + ")", e.getCause());
    }
  }

  /** The region named in the metadata; empty means the SDK's region chain decides. */
  public Optional<String> region() {
    return Optional.ofNullable(region);
  }

  /** The endpoint override for every AWS client (SES and STS), if any. */
  public Optional<URI> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  /** Who signs the first request: static keys, or the default chain. */
  public CredentialSource credentials() {
    return credentials;
  }

  /** The roles assumed in order after {@link #credentials()}; empty when none. */
  public List<RoleHop> roleChain() {
    return roleChain;
  }

  /**
   * What deserves a log line but does not stop init: likely typos, durations capped for chained
   * hops.
   */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "AwsAuthSettings[region="
        + region
        + ", endpoint="
        + endpoint
        + ", credentials="
        + credentials
        + ", roleChain="
        + roleChain
        + "]";
  }

  private static String region(Map<String, String> metadata) {
    String value = AwsKeys.REGION.in(metadata).orElse(null);
    if (value != null && !REGION.matcher(value).matches()) {
      throw new AwsAuthException(
          AwsKeys.REGION.key(),
          "metadata key \"region\": \""
              + value
              + "\" is not an AWS region name (such as eu-west-1)");
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
      boolean http =
          "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
      if (!http || uri.getHost() == null) {
        throw new URISyntaxException(value, "scheme must be http or https and a host is required");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new AwsAuthException(
          AwsKeys.ENDPOINT.key(),
          "metadata key \"endpoint\": \""
              + value
              + "\" is not an absolute http(s) URL, such as http://127.0.0.1:4566 ("
              + e.getReason()
              + ")");
    }
  }

  private static CredentialSource credentials(Map<String, String> metadata) {
    Optional<String> accessKey = AwsKeys.ACCESS_KEY.in(metadata);
    Optional<String> secretKey = AwsKeys.SECRET_KEY.in(metadata);
    Optional<String> sessionToken = AwsKeys.SESSION_TOKEN.in(metadata);
    if (accessKey.isPresent() && secretKey.isEmpty()) {
      throw new AwsAuthException(
          AwsKeys.SECRET_KEY.key(),
          "metadata key \"secretKey\" is missing: \"accessKey\" is set, and static credentials need both");
    }
    if (secretKey.isPresent() && accessKey.isEmpty()) {
      throw new AwsAuthException(
          AwsKeys.ACCESS_KEY.key(),
          "metadata key \"accessKey\" is missing: \"secretKey\" is set, and static credentials need both");
    }
    if (accessKey.isEmpty()) {
      if (sessionToken.isPresent()) {
        throw new AwsAuthException(
            AwsKeys.SESSION_TOKEN.key(),
            "metadata key \"sessionToken\" needs \"accessKey\" and \"secretKey\" beside it");
      }
      return new CredentialSource.DefaultChain();
    }
    return sessionToken
        .<CredentialSource>map(
            token -> new CredentialSource.SessionKeys(accessKey.get(), secretKey.get(), token))
        .orElseGet(() -> new CredentialSource.StaticKeys(accessKey.get(), secretKey.get()));
  }

  private static List<RoleHop> roleChain(Map<String, String> metadata, List<String> warnings) {
    Optional<String> arns = AwsKeys.ASSUME_ROLE_ARN.in(metadata);
    Optional<String> sessionNameValue = AwsKeys.SESSION_NAME.in(metadata);
    Optional<String> externalIdValue = AwsKeys.EXTERNAL_ID.in(metadata);
    Optional<String> durationValue = AwsKeys.ASSUME_ROLE_DURATION_SECONDS.in(metadata);
    if (arns.isEmpty()) {
      for (Optional<String> roleOnly : List.of(sessionNameValue, externalIdValue, durationValue)) {
        if (roleOnly.isPresent()) {
          warnings.add(
              "metadata keys sessionName, externalId and assumeRoleDurationSeconds have no effect without"
                  + " assumeRoleArn");
          break;
        }
      }
      return List.of();
    }
    String sessionName = sessionNameValue.orElse(DEFAULT_SESSION_NAME);
    if (!SESSION_NAME.matcher(sessionName).matches()) {
      throw new AwsAuthException(
          AwsKeys.SESSION_NAME.key(),
          "metadata key \"sessionName\": \""
              + sessionName
              + "\" is not a valid STS session name (2 to 64 letters, digits or +=,.@_-)");
    }
    String externalId = externalIdValue.orElse("");
    if (!externalId.isEmpty() && !EXTERNAL_ID.matcher(externalId).matches()) {
      throw new AwsAuthException(
          AwsKeys.EXTERNAL_ID.key(),
          "metadata key \"externalId\" is not a valid STS external id (2 to 1224 letters, digits or +=,.@:/_-)");
    }
    Duration duration = duration(durationValue.orElse(null));
    List<RoleHop> hops = new ArrayList<>();
    String[] roleArns = arns.get().split(",", -1);
    for (int i = 0; i < roleArns.length; i++) {
      String roleArn = roleArns[i].strip();
      if (!ROLE_ARN.matcher(roleArn).matches()) {
        throw new AwsAuthException(
            AwsKeys.ASSUME_ROLE_ARN.key(),
            "metadata key \"assumeRoleArn\": role "
                + (i + 1)
                + " of "
                + roleArns.length
                + ", \""
                + roleArn
                + "\", is not an IAM role ARN (expected"
                + " arn:aws:iam::<12-digit account>:role/<name>; several roles are separated by ',')");
      }
      Duration hopDuration = duration;
      if (i > 0 && duration.compareTo(MAX_CHAINED_DURATION) > 0) {
        hopDuration = MAX_CHAINED_DURATION;
        if (i == 1) {
          warnings.add(
              "assumeRoleDurationSeconds "
                  + duration.toSeconds()
                  + " applies to the first role only; AWS"
                  + " caps roles assumed by role chaining at 3600 s, so hops 2 to "
                  + roleArns.length
                  + " ask for 3600 s");
        }
      }
      hops.add(new RoleHop(roleArn, sessionName, i == 0 ? externalId : "", hopDuration));
    }
    return hops;
  }

  private static Duration duration(String value) {
    if (value == null) {
      return DEFAULT_DURATION;
    }
    try {
      Duration duration = Duration.ofSeconds(Long.parseLong(value));
      if (duration.compareTo(MIN_DURATION) >= 0 && duration.compareTo(MAX_DURATION) <= 0) {
        return duration;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new AwsAuthException(
        AwsKeys.ASSUME_ROLE_DURATION_SECONDS.key(),
        "metadata key"
            + " \"assumeRoleDurationSeconds\": \""
            + value
            + "\" is not a whole number of seconds from 900 to 43200");
  }
}
