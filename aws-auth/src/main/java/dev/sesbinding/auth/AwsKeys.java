package dev.sesbinding.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The AWS metadata keys that every Dapr AWS component shares, with their aliases; looked up case-insensitively. */
enum AwsKeys {
  REGION("region", "awsRegion"),
  ENDPOINT("endpoint"),
  ACCESS_KEY("accessKey", "awsAccessKey"),
  SECRET_KEY("secretKey", "awsSecretKey"),
  SESSION_TOKEN("sessionToken", "awsSessionToken");

  private final String key;
  private final List<String> aliases;

  AwsKeys(String key, String... aliases) {
    this.key = key;
    this.aliases = List.of(aliases);
  }

  String key() {
    return key;
  }

  /** The value of this key, else of its first alias present; blank values count as absent. */
  Optional<String> in(Map<String, String> metadata) {
    TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseInsensitive.putAll(metadata);
    String value = caseInsensitive.get(key);
    for (int i = 0; isBlank(value) && i < aliases.size(); i++) {
      value = caseInsensitive.get(aliases.get(i));
    }
    return isBlank(value) ? Optional.empty() : Optional.of(value.trim());
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
