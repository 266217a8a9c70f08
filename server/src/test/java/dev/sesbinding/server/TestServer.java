package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server started from component YAML written into a folder, on a free 127.0.0.1 port, and a real
 * HTTP client for it. Calls block the test thread (never an event loop) for readable tests.
 */
final class TestServer implements AutoCloseable {
  /** A request every component of these tests accepts: HTML data, one To address, a subject. */
  static final String VALID_REQUEST =
      "{\"operation\":\"create\",\"data\":\"<b>Hi</b>\","
          + "\"metadata\":{\"emailTo\":\"to@example.com\",\"subject\":\"Hello\"}}";

  final Vertx vertx;
  final BindingsServer server;
  final Vertx clientVertx = Vertx.vertx();
  final WebClient client;

  private TestServer(Vertx vertx, BindingsServer server) {
    this.vertx = vertx;
    this.server = server;
    this.client =
        WebClient.create(
            clientVertx,
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port()),
            new PoolOptions().setHttp1MaxSize(200));
  }

  /**
   * Writes each YAML text into its own file of {@code folder}, then starts a server with {@code
   * flags}.
   */
  static TestServer start(Path folder, Map<String, String> env, List<String> yamls, String... flags)
      throws IOException {
    for (int i = 0; i < yamls.size(); i++) {
      Files.writeString(folder.resolve("component-" + i + ".yaml"), yamls.get(i));
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--dapr-http-port",
                "0",
                "--dapr-grpc-port",
                "0",
                "--metrics-port",
                "0",
                "--resources-path",
                folder.toString()));
    args.addAll(List.of(flags));
    ServerOptions options;
    try {
      options = ServerOptions.fromArgs(args.toArray(String[]::new), env);
    } catch (UsageException e) {
      throw new IllegalArgumentException(e);
    }
    Vertx vertx = Vertx.vertx();
    try {
      return new TestServer(
          vertx, BindingsServer.start(vertx, options).await(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException(e);
    }
  }

  static String outboxComponent(String name) {
    return component(name, "transport", "outbox", "emailFrom", "from@example.com");
  }

  /**
   * A bindings.aws.ses component that sends through real SES clients to {@code endpoint} (a stub),
   * with {@code more} metadata pairs.
   */
  static String sesComponent(String name, String endpoint, String... more) {
    List<String> pairs =
        new ArrayList<>(
            List.of(
                "region",
                "eu-west-1",
                "endpoint",
                endpoint,
                "accessKey",
                "AKIASTUB",
                "secretKey",
                "StubSecretValue",
                "emailFrom",
                "from@example.com"));
    pairs.addAll(List.of(more));
    return component(name, pairs.toArray(String[]::new));
  }

  /** A bindings.aws.ses component with plain metadata values. */
  static String component(String name, String... pairs) {
    return componentOfType(name, "bindings.aws.ses", pairs);
  }

  /** A component file of {@code type} with these metadata pairs. */
  static String componentOfType(String name, String type, String... pairs) {
    StringBuilder yaml =
        new StringBuilder(
            "apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: "
                + name
                + "\nspec:\n  type: "
                + type
                + "\n  version: v1\n  metadata:\n");
    for (int i = 0; i < pairs.length; i += 2) {
      yaml.append("  - name: ")
          .append(pairs[i])
          .append("\n    value: \"")
          .append(pairs[i + 1])
          .append("\"\n");
    }
    return yaml.toString();
  }

  /** The subjects of an outbox answer's emails, in its order. */
  static List<String> subjects(JsonObject page) {
    List<String> subjects = new ArrayList<>();
    page.getJsonArray("emails")
        .forEach(email -> subjects.add(((JsonObject) email).getString("subject")));
    return subjects;
  }

  HttpResponse<Buffer> send(HttpMethod method, String path, String body, String... headers) {
    try {
      return sendAsync(method, path, body, headers).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  Future<HttpResponse<Buffer>> sendAsync(
      HttpMethod method, String path, String body, String... headers) {
    var request = client.request(method, path);
    for (int i = 0; i < headers.length; i += 2) {
      request.putHeader(headers[i], headers[i + 1]);
    }
    return body == null ? request.send() : request.sendBuffer(Buffer.buffer(body));
  }

  /** Posts raw bytes (which need not be UTF-8 or JSON). */
  HttpResponse<Buffer> postBytes(String binding, byte[] body) {
    try {
      return client
          .post("/v1.0/bindings/" + binding)
          .sendBuffer(Buffer.buffer(body))
          .await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A plaintext channel to the server's gRPC API; the caller shuts it down. */
  io.grpc.ManagedChannel grpcChannel() {
    return io.grpc.netty.NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort())
        .usePlaintext()
        .build();
  }

  /**
   * Dapr's {@code InvokeBinding} of a valid email for {@code binding}, as {@link #VALID_REQUEST}
   * over HTTP: an HTML body, one recipient, a subject.
   */
  static dev.sesbinding.grpc.runtime.v1.InvokeBindingRequest grpcEmail(String binding) {
    return dev.sesbinding.grpc.runtime.v1.InvokeBindingRequest.newBuilder()
        .setName(binding)
        .setOperation("create")
        .setData(com.google.protobuf.ByteString.copyFromUtf8("\"<b>Hi</b>\""))
        .putMetadata("emailTo", "to@example.com")
        .putMetadata("subject", "Hello")
        .build();
  }

  HttpResponse<Buffer> post(String binding, String body, String... headers) {
    return send(HttpMethod.POST, "/v1.0/bindings/" + binding, body, headers);
  }

  HttpResponse<Buffer> get(String path, String... headers) {
    return send(HttpMethod.GET, path, null, headers);
  }

  @Override
  public void close() {
    try {
      server.stop().await(30, TimeUnit.SECONDS);
      clientVertx.close().await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An error in Dapr's shape: {@code status}, only {@code errorCode} ({@code
   * ERR_INVOKE_OUTPUT_BINDING}) and {@code message}, the message starting with {@code
   * messageStart}.
   */
  static void assertDaprError(HttpResponse<Buffer> response, int status, String messageStart) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("errorCode", "message");
    assertThat(body.getString("errorCode")).isEqualTo("ERR_INVOKE_OUTPUT_BINDING");
    assertThat(body.getString("message")).startsWith(messageStart);
  }
}
