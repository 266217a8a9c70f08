package dev.sesbinding.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small STS {@code AssumeRole} endpoint on 127.0.0.1 for what moto cannot do: it enforces AWS's
 * one-hour cap on chained sessions, refuses roles it does not know, issues short-lived credentials
 * and can answer slowly. Every call is recorded with the access key that signed it.
 */
final class StsStub implements AutoCloseable {
  private static final Pattern SIGNING_KEY = Pattern.compile("Credential=([^/]+)/");

  /** One AssumeRole call as the stub saw it. */
  record Call(
      String signedBy,
      String roleArn,
      String sessionName,
      int durationSeconds,
      String externalId,
      String issuedKey) {}

  private final HttpServer server;
  private final Set<String> roles = ConcurrentHashMap.newKeySet();
  private final Set<String> issuedKeys = ConcurrentHashMap.newKeySet();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger counter = new AtomicInteger();
  private volatile Duration lifetime = Duration.ofHours(1);
  private volatile Duration delayAfterFirstCalls = Duration.ZERO;
  private volatile int undelayedCalls = Integer.MAX_VALUE;

  private StsStub(HttpServer server) {
    this.server = server;
  }

  static StsStub start(String... knownRoles) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    StsStub stub = new StsStub(server);
    stub.roles.addAll(List.of(knownRoles));
    server.createContext("/", stub::handle);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    return stub;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Credentials issued from now on expire after {@code lifetime}. */
  void lifetime(Duration lifetime) {
    this.lifetime = lifetime;
  }

  /** Calls after the first {@code count} take {@code delay} to answer. */
  void slowAfter(int count, Duration delay) {
    this.undelayedCalls = count;
    this.delayAfterFirstCalls = delay;
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> form =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    Matcher key = SIGNING_KEY.matcher(authorization == null ? "" : authorization);
    String signedBy = key.find() ? key.group(1) : "";
    if (calls.size() >= undelayedCalls) {
      sleep(delayAfterFirstCalls);
    }
    String roleArn = form.getOrDefault("RoleArn", "");
    int duration = Integer.parseInt(form.getOrDefault("DurationSeconds", "3600"));
    if (!roles.contains(roleArn)) {
      record(signedBy, form, duration, "");
      respond(
          exchange,
          403,
          error(
              "AccessDenied",
              "User: "
                  + signedBy
                  + " is not authorized to perform:"
                  + " sts:AssumeRole on resource: "
                  + roleArn));
      return;
    }
    if (issuedKeys.contains(signedBy) && duration > 3600) {
      record(signedBy, form, duration, "");
      respond(
          exchange,
          400,
          error(
              "ValidationError",
              "The requested DurationSeconds exceeds the 1 hour session"
                  + " limit for roles assumed by role chaining."));
      return;
    }
    String issued = "ASIASTUB" + counter.incrementAndGet();
    issuedKeys.add(issued);
    record(signedBy, form, duration, issued);
    Instant expiration = Instant.now().plus(lifetime);
    respond(
        exchange,
        200,
        "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
            + "<Credentials><AccessKeyId>"
            + issued
            + "</AccessKeyId><SecretAccessKey>secret-"
            + issued
            + "</SecretAccessKey><SessionToken>token-"
            + issued
            + "</SessionToken><Expiration>"
            + expiration
            + "</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROASTUB:"
            + form.get("RoleSessionName")
            + "</AssumedRoleId><Arn>"
            + roleArn.replace(":iam:", ":sts:").replace(":role/", ":assumed-role/")
            + "/"
            + form.get("RoleSessionName")
            + "</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>"
            + "stub-"
            + issued
            + "</RequestId></ResponseMetadata></AssumeRoleResponse>");
  }

  private void record(String signedBy, Map<String, String> form, int duration, String issued) {
    calls.add(
        new Call(
            signedBy,
            form.getOrDefault("RoleArn", ""),
            form.getOrDefault("RoleSessionName", ""),
            duration,
            form.getOrDefault("ExternalId", ""),
            issued));
  }

  private static String error(String code, String message) {
    return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>"
        + code
        + "</Code><Message>"
        + message
        + "</Message></Error><RequestId>stub-error</RequestId></ErrorResponse>";
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/xml");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> values = new HashMap<>();
    for (String pair : body.split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
