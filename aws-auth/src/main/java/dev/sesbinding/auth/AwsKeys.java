package dev.sesbinding.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The AWS metadata keys that Dapr AWS components share, with their aliases; looked up
 * case-insensitively.
 */
enum AwsKeys {
  REGION("region", "awsRegion"),
  ENDPOINT("endpoint"),
  ACCESS_KEY("accessKey", "awsAccessKey"),
  SECRET_KEY("secretKey", "awsSecretKey"),
  SESSION_TOKEN("sessionToken", "awsSessionToken"),
  ASSUME_ROLE_ARN("assumeRoleArn", "awsIamRoleArn"),
  SESSION_NAME("sessionName", "assumeRoleSessionName", "awsStsSessionName"),
  EXTERNAL_ID("externalId"),
  ASSUME_ROLE_DURATION_SECONDS("assumeRoleDurationSeconds");

  private final String key;

  @SuppressWarnings("ImmutableEnumChecker") // List.of: immutable, though its type does not say so
  private final List<String> aliases;

  AwsKeys(String key, String... aliases) {
    this.key = key;
    this.aliases = List.of(aliases);
  }

  String key() {
    return key;
  }

  /** Every key and alias, as spelled in the docs. */
  static List<String> allNames() {
    List<String> names = new ArrayList<>();
    for (AwsKeys awsKey : values()) {
      names.add(awsKey.key);
      names.addAll(awsKey.aliases);
    }
    return names;
  }

  /**
   * The value of this key, else of its first alias present; blank values count as absent.
   *
   * @param metadata a map whose lookups ignore case
   */
  Optional<String> in(Map<String, String> metadata) {
    return Stream.concat(Stream.of(key), aliases.stream())
        .map(metadata::get)
        .filter(value -> value != null && !value.isBlank())
        .map(String::strip)
        .findFirst();
  }
}
