package dev.sesbinding.auth;

/**
 * Where the first signing credentials come from: static keys (with or without a session token) or
 * the SDK's default chain.
 */
public sealed interface CredentialSource {

  /** Long-term access key and secret key. */
  record StaticKeys(String accessKey, String secretKey) implements CredentialSource {
    @Override
    public String toString() {
      return "StaticKeys[accessKey=" + accessKey + ", secretKey=***]";
    }
  }

  /** Temporary credentials: access key, secret key and session token. */
  record SessionKeys(String accessKey, String secretKey, String sessionToken)
      implements CredentialSource {
    @Override
    public String toString() {
      return "SessionKeys[accessKey=" + accessKey + ", secretKey=***, sessionToken=***]";
    }
  }

  /**
   * The AWS SDK's default chain: environment, system properties, web identity, profile, container,
   * instance.
   */
  record DefaultChain() implements CredentialSource {}
}
