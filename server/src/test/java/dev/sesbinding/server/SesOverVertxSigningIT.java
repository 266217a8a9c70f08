package dev.sesbinding.server;

import static dev.sesbinding.server.TestServer.VALID_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * What reaches SES over Vert.x is what was signed: an endpoint on 127.0.0.1 takes the request as
 * the wire carried it (host, headers, body), and the SDK's signer, given those and the request's
 * own time, makes the same {@code Authorization}. A header Vert.x changed or added to what was
 * signed would make SES refuse every call with {@code SignatureDoesNotMatch}.
 */
class SesOverVertxSigningIT {
  private static final String OK =
      "<SendEmailResponse><SendEmailResult><MessageId>signed-1</MessageId></SendEmailResult>"
          + "</SendEmailResponse>";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  record Received(String host, MultiMap headers, io.vertx.core.buffer.Buffer body) {}

  @TempDir Path folder;

  @Test
  void theRequestOnTheWireCarriesTheSignatureOfWhatItCarries() throws Exception {
    Vertx vertx = Vertx.vertx();
    CompletableFuture<Received> received = new CompletableFuture<>();
    HttpServer endpoint =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body -> {
                              received.complete(
                                  new Received(
                                      request.getHeader("Host"),
                                      MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                                      body));
                              request.response().putHeader("Content-Type", "text/xml").end(OK);
                            }))
            .listen(0, "127.0.0.1")
            .await(30, TimeUnit.SECONDS);
    try (TestServer server =
        TestServer.start(
            folder,
            Map.of(),
            List.of(TestServer.sesComponent("signed", "http://127.0.0.1:" + endpoint.actualPort())),
            "--ses-client",
            "vertx")) {

      assertThat(server.post("signed", VALID_REQUEST).getHeader("metadata.messageId"))
          .isEqualTo("signed-1");

      Received wire = received.get(30, TimeUnit.SECONDS);
      String authorization = wire.headers().get("Authorization");
      assertThat(authorization)
          .startsWith("AWS4-HMAC-SHA256 Credential=AKIASTUB/")
          .contains("/eu-west-1/ses/aws4_request");
      assertThat(resigned(wire)).isEqualTo(authorization);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** The SDK's signature of the request as received, at the time it says it was signed. */
  private static String resigned(Received wire) {
    String signedHeaders =
        wire.headers().get("Authorization").replaceAll(".*SignedHeaders=([^,]*),.*", "$1");
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(URI.create("http://" + wire.host() + "/"));
    for (String name : signedHeaders.split(";", -1)) {
      if (!name.equals("x-amz-date")) { // the signer writes it from the clock
        request.putHeader(name, wire.headers().getAll(name));
      }
    }
    Instant signedAt = AMZ_DATE.parse(wire.headers().get("X-Amz-Date"), Instant::from);
    return AwsV4HttpSigner.create()
        .sign(
            sign ->
                sign.identity(AwsCredentialsIdentity.create("AKIASTUB", "StubSecretValue"))
                    .request(request.build())
                    .payload(ContentStreamProvider.fromByteArray(wire.body().getBytes()))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "ses")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
        .request()
        .firstMatchingHeader("Authorization")
        .orElseThrow();
  }
}
