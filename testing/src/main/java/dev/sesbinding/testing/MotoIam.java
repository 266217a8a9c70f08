package dev.sesbinding.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * IAM set-up on a moto server (users, keys, roles, policies) and its signature and policy checks:
 * create what a test needs, then {@link #enforce()}; from then on every AWS request must be signed
 * with a moto-issued key and allowed by a policy.
 */
public final class MotoIam {
  public static final String ACCOUNT = "123456789012";
  private static final Pattern ACCESS_KEY_ID =
      Pattern.compile("<AccessKeyId>([^<]+)</AccessKeyId>");
  private static final Pattern SECRET =
      Pattern.compile("<SecretAccessKey>([^<]+)</SecretAccessKey>");

  /** An IAM user's long-term keys. */
  public record Keys(String accessKey, String secretKey) {
    @Override
    public String toString() {
      return "Keys[" + accessKey + ", ***]";
    }
  }

  private final URI endpoint;
  private final HttpClient client = HttpClient.newHttpClient();

  public MotoIam(MotoServer moto) {
    this.endpoint = moto.endpoint();
  }

  /** A user with an access key and an inline policy allowing {@code actions} on every resource. */
  public Keys createUser(String name, String... actions) {
    call("CreateUser", Map.of("UserName", name));
    call(
        "PutUserPolicy",
        Map.of("UserName", name, "PolicyName", name + "-policy", "PolicyDocument", allow(actions)));
    String response = call("CreateAccessKey", Map.of("UserName", name));
    return new Keys(find(ACCESS_KEY_ID, response), find(SECRET, response));
  }

  /**
   * A role that {@code trustedPrincipal} (an exact ARN, as moto matches it) may assume, allowed
   * {@code actions}.
   */
  public String createRole(String name, String trustedPrincipal, String... actions) {
    String trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
            + trustedPrincipal
            + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    call("CreateRole", Map.of("RoleName", name, "AssumeRolePolicyDocument", trust));
    call(
        "PutRolePolicy",
        Map.of("RoleName", name, "PolicyName", name + "-policy", "PolicyDocument", allow(actions)));
    return roleArn(name);
  }

  public static String roleArn(String name) {
    return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
  }

  public static String userArn(String name) {
    return "arn:aws:iam::" + ACCOUNT + ":user/" + name;
  }

  /**
   * The ARN moto gives a session of {@code role} named {@code sessionName}: what a chained trust
   * policy must name.
   */
  public static String assumedRoleArn(String role, String sessionName) {
    return "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/" + sessionName;
  }

  /** From now on, every request must be signed with a moto-issued key and allowed by IAM. */
  public void enforce() {
    Http.post(endpoint.resolve("/moto-api/reset-auth"), "text/plain", "0");
  }

  /** Back to accepting everything. */
  public void relax() {
    Http.post(endpoint.resolve("/moto-api/reset-auth"), "text/plain", "inf");
  }

  private static String allow(String... actions) {
    String list =
        java.util.Arrays.stream(actions).map(a -> "\"" + a + "\"").collect(Collectors.joining(","));
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
        + list
        + "],\"Resource\":\"*\"}]}";
  }

  private String call(String action, Map<String, String> parameters) {
    Map<String, String> form = new LinkedHashMap<>(parameters);
    form.put("Action", action);
    form.put("Version", "2010-05-08");
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(endpoint)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header(
                      "Authorization",
                      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/iam/"
                          + "aws4_request, SignedHeaders=host, Signature=0")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "IAM " + action + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("IAM " + action + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String find(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      throw new IllegalStateException("no " + pattern + " in " + text);
    }
    return matcher.group(1);
  }
}
