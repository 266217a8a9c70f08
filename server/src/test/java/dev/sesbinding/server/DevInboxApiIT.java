package dev.sesbinding.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.testing.Await;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the dev inbox reads, through the server's HTTP port: the outboxes, the newest emails with a
 * search, one email, an attachment, the MIME; and the page itself, with its policy, served without
 * the token while every data call needs it.
 */
class DevInboxApiIT {
  @TempDir Path folder;
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void startWithOutbox(Map<String, String> env) throws Exception {
    server = TestServer.start(folder, env, List.of(TestServer.outboxComponent("ses")));
  }

  private String send(String data, String metadata) {
    HttpResponse<Buffer> response =
        server.post(
            "ses",
            "{\"operation\":\"create\",\"data\":" + data + ",\"metadata\":" + metadata + "}");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getString("messageId");
  }

  private String send(String subject, String to, String cc) {
    return send(
        "\"<p>" + subject + "</p>\"",
        "{\"emailTo\":\"" + to + "\",\"emailCc\":\"" + cc + "\",\"subject\":\"" + subject + "\"}");
  }

  @Test
  void listsEachComponentThatKeepsAnOutboxWithItsCount() throws Exception {
    server =
        TestServer.start(
            folder,
            Map.of(),
            List.of(
                TestServer.outboxComponent("ses"),
                TestServer.outboxComponent("alerts"),
                TestServer.sesComponent("real", "http://127.0.0.1:9")));
    send("One", "ana@example.com", "");

    JsonArray outboxes = server.get("/v1.0/outbox").bodyAsJsonObject().getJsonArray("outboxes");

    assertThat(outboxes.stream().map(o -> ((JsonObject) o).getString("name")))
        .containsExactlyInAnyOrder("ses", "alerts");
    JsonObject ses =
        outboxes.stream()
            .map(JsonObject.class::cast)
            .filter(o -> o.getString("name").equals("ses"))
            .findFirst()
            .orElseThrow();
    assertThat(ses.getInteger("count")).isEqualTo(1);
    assertThat(ses.getInteger("capacity")).isEqualTo(1000);
  }

  @Test
  void newestListsNewestFirstWithoutBodiesAndSearchesAddressesAndSubjectInAnyCase()
      throws Exception {
    startWithOutbox(Map.of());
    send("Invoice", "ana@example.com", "");
    send("Welcome", "cy@example.com", "ben@example.com");
    send("Reminder", "ana@example.com", "");

    JsonObject all = server.get("/v1.0/outbox/ses/newest").bodyAsJsonObject();
    JsonObject byCc = server.get("/v1.0/outbox/ses/newest?search=BEN@").bodyAsJsonObject();
    JsonObject bySubject = server.get("/v1.0/outbox/ses/newest?search=invo").bodyAsJsonObject();
    JsonObject one = server.get("/v1.0/outbox/ses/newest?limit=1&search=ana").bodyAsJsonObject();
    send("\"<p>Hola</p>\"", "{\"emailTo\":\"José Núñez <jn@example.com>\",\"subject\":\"Hola\"}");
    JsonObject byName =
        server
            .get("/v1.0/outbox/ses/newest?search=" + URLEncoder.encode("josé núñez", UTF_8))
            .bodyAsJsonObject();

    assertThat(TestServer.subjects(all)).containsExactly("Reminder", "Welcome", "Invoice");
    assertThat(all.getInteger("total")).isEqualTo(3);
    JsonObject newest = all.getJsonArray("emails").getJsonObject(0);
    assertThat(newest.containsKey("body")).as("a list without bodies").isFalse();
    assertThat(newest.getLong("size")).isPositive();
    assertThat(newest.getString("from")).isEqualTo("from@example.com");
    assertThat(TestServer.subjects(byCc)).containsExactly("Welcome");
    assertThat(TestServer.subjects(bySubject)).containsExactly("Invoice");
    assertThat(TestServer.subjects(one)).containsExactly("Reminder");
    assertThat(one.getInteger("matched")).isEqualTo(2);
    assertThat(one.getInteger("total")).isEqualTo(3);
    assertThat(TestServer.subjects(byName))
        .as("a display name as written, not its encoded header form")
        .containsExactly("Hola");
  }

  @Test
  void newestStopsNearFourMebibytesAtTheNewestThatFitWithoutAGap() throws Exception {
    startWithOutbox(Map.of());
    for (String subject : List.of("small 1", "small 2", "small 3")) {
      send(subject, "ana@example.com", "");
    }
    for (int i = 4; i <= 6; i++) { // about 1.8 MB of summary each: two fit in 4 MiB, three do not
      send("big " + i + " " + "x".repeat(300_000), "ana@example.com", "");
    }

    JsonObject newest = server.get("/v1.0/outbox/ses/newest?limit=1000").bodyAsJsonObject();

    assertThat(TestServer.subjects(newest))
        .extracting(subject -> subject.substring(0, Math.min(7, subject.length())))
        .containsExactly("big 6 x", "big 5 x");
    assertThat(newest.getInteger("matched")).isEqualTo(6);
    assertThat(newest.getInteger("total")).isEqualTo(6);
  }

  @Test
  void newestRefusesALimitOutOfRangeNamingTheParameter() throws Exception {
    startWithOutbox(Map.of());

    HttpResponse<Buffer> response = server.get("/v1.0/outbox/ses/newest?limit=0");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("message"))
        .isEqualTo("query parameter limit: \"0\" is not a whole number from 1 to 1000");
  }

  @Test
  void anEmailIsReadByItsMessageIdAndAnUnknownOneIsNotFoundByName() throws Exception {
    startWithOutbox(Map.of());
    String id = send("Hello", "ana@example.com", "");

    JsonObject email = server.get("/v1.0/outbox/ses/emails/" + id).bodyAsJsonObject();
    HttpResponse<Buffer> unknown = server.get("/v1.0/outbox/ses/emails/outbox-gone");
    HttpResponse<Buffer> noOutbox = server.get("/v1.0/outbox/nope/emails/" + id);

    assertThat(email.getString("messageId")).isEqualTo(id);
    assertThat(email.getString("body")).isEqualTo("<p>Hello</p>");
    assertThat(email.getLong("size")).isPositive();
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getString("message"))
        .isEqualTo("outbox ses has no email outbox-gone (it was dropped to make room, or cleared)");
    assertThat(noOutbox.statusCode()).isEqualTo(404);
    assertThat(noOutbox.bodyAsJsonObject().getString("message"))
        .isEqualTo("couldn't find output binding nope");
  }

  @Test
  void anAttachmentDownloadsAsBytesToSaveNeverToRender() throws Exception {
    startWithOutbox(Map.of());
    byte[] page = "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
    String id =
        send(
            "{\"html\":\"<p>See attached</p>\",\"attachments\":[{\"filename\":\"page ü.html\","
                + "\"contentType\":\"text/html\",\"content\":\""
                + Base64.getEncoder().encodeToString(page)
                + "\"}]}",
            "{\"emailTo\":\"ana@example.com\",\"subject\":\"Attached\"}");

    HttpResponse<Buffer> file = server.get("/v1.0/outbox/ses/emails/" + id + "/attachments/0");
    HttpResponse<Buffer> missing = server.get("/v1.0/outbox/ses/emails/" + id + "/attachments/1");
    HttpResponse<Buffer> notANumber =
        server.get("/v1.0/outbox/ses/emails/" + id + "/attachments/x");

    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body().getBytes()).isEqualTo(page);
    assertThat(file.getHeader("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(file.getHeader("Content-Disposition"))
        .isEqualTo("attachment; filename=\"page _.html\"; filename*=UTF-8''page%20%C3%BC.html");
    assertThat(file.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(file.getHeader("Content-Security-Policy")).startsWith("sandbox");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.bodyAsJsonObject().getString("message"))
        .isEqualTo("email " + id + " has no attachment 1 (it has 1, numbered from 0)");
    assertThat(notANumber.statusCode()).isEqualTo(404);
  }

  @Test
  void theEmlIsTheMimeMessageWithoutItsBccAndATemplatedEmailHasNone() throws Exception {
    startWithOutbox(Map.of());
    String id =
        send(
            "\"<p>Hello</p>\"",
            "{\"emailTo\":\"ana@example.com\",\"emailBcc\":\"hidden@example.com\","
                + "\"subject\":\"As MIME\"}");
    String templated =
        send("{\"name\":\"Ana\"}", "{\"template\":\"welcome\",\"emailTo\":\"ana@example.com\"}");

    HttpResponse<Buffer> eml = server.get("/v1.0/outbox/ses/emails/" + id + "/eml");
    HttpResponse<Buffer> none = server.get("/v1.0/outbox/ses/emails/" + templated + "/eml");

    assertThat(eml.statusCode()).isEqualTo(200);
    assertThat(eml.getHeader("Content-Type")).isEqualTo("message/rfc822");
    assertThat(eml.getHeader("Content-Disposition")).contains("filename=\"" + id + ".eml\"");
    MimeMessage message =
        new MimeMessage(
            Session.getInstance(new Properties()), new ByteArrayInputStream(eml.body().getBytes()));
    assertThat(message.getSubject()).isEqualTo("As MIME");
    assertThat(message.getFrom()[0].toString()).isEqualTo("from@example.com");
    assertThat(message.getRecipients(Message.RecipientType.TO)[0].toString())
        .isEqualTo("ana@example.com");
    assertThat(eml.bodyAsString()).contains("<p>Hello</p>").doesNotContain("hidden@example.com");
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.bodyAsJsonObject().getString("message"))
        .isEqualTo(
            "email "
                + templated
                + " uses template welcome, which SES renders: the outbox has no MIME for it");
  }

  @Test
  void anAnswerThatDoesNotFitTheByteBudgetIsRefusedWith429UntilTheBytesComeBack() throws Exception {
    server =
        TestServer.start(
            folder,
            Map.of(),
            List.of(TestServer.outboxComponent("ses")),
            "--max-body-size",
            "64Ki",
            "--max-buffered-bytes",
            "64Ki",
            "--read-timeout",
            "30s");
    String id =
        send(
            "{\"html\":\"<p>Big</p>\",\"attachments\":[{\"filename\":\"a.bin\","
                + "\"contentType\":\"application/octet-stream\",\"content\":\""
                + Base64.getEncoder().encodeToString(new byte[30_000])
                + "\"}]}",
            "{\"emailTo\":\"ana@example.com\",\"subject\":\"Big\"}");
    assertThat(server.get("/v1.0/outbox/ses/emails/" + id + "/eml").statusCode()).isEqualTo(200);
    Await.until(() -> server.server.bufferedBytes() == 0, "that answer's bytes to come back");

    try (Socket stalled = new Socket(InetAddress.getLoopbackAddress(), server.server.port())) {
      // a body that never comes holds its declared 50,000 bytes of the 65,536
      stalled
          .getOutputStream()
          .write(
              "POST /v1.0/bindings/ses HTTP/1.1\r\nHost: x\r\nContent-Length: 50000\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      stalled.getOutputStream().flush();
      Await.until(
          () -> server.server.bufferedBytes() >= 50_000, "the stalled body to hold its bytes");

      HttpResponse<Buffer> refused = server.get("/v1.0/outbox/ses/emails/" + id + "/eml");
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
      assertThat(refused.bodyAsJsonObject().getString("message"))
          .isEqualTo(
              "too many bytes held at once to answer now (limit 65536, --max-buffered-bytes);"
                  + " retry later");
      assertThat(server.get("/v1.0/outbox/ses/emails/" + id + "/attachments/0").statusCode())
          .isEqualTo(429);
    }

    Await.until(
        () -> server.get("/v1.0/outbox/ses/emails/" + id + "/eml").statusCode() == 200,
        "the bytes to come back once the stalled connection closed");
  }

  @Test
  void thePageIsServedWithAStrictPolicyAndWithoutTheTokenWhileEveryDataCallNeedsIt()
      throws Exception {
    startWithOutbox(Map.of("DAPR_API_TOKEN", "page-token"));

    HttpResponse<Buffer> page = server.get("/outbox/");
    HttpResponse<Buffer> script = server.get("/outbox/inbox.js");
    HttpResponse<Buffer> bare =
        server.client.get("/outbox").followRedirects(false).send().await(30, TimeUnit.SECONDS);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.bodyAsString()).contains("<title>Dev inbox · ses-binding</title>");
    assertThat(page.getHeader("Content-Security-Policy"))
        .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'")
        .contains("frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'")
        .doesNotContain("unsafe-eval")
        .doesNotContainPattern("script-src[^;]*unsafe-inline");
    assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(page.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.getHeader("Content-Type")).startsWith("text/javascript");
    assertThat(bare.statusCode()).isEqualTo(302);
    assertThat(bare.getHeader("Location")).isEqualTo("/outbox/");
    for (String data :
        List.of(
            "/v1.0/outbox",
            "/v1.0/outbox/ses",
            "/v1.0/outbox/ses/newest",
            "/v1.0/outbox/ses/emails/outbox-x",
            "/v1.0/outbox/ses/emails/outbox-x/eml",
            "/v1.0/outbox/ses/emails/outbox-x/attachments/0")) {
      assertThat(server.get(data).statusCode()).as(data).isEqualTo(401);
    }
    assertThat(server.get("/v1.0/outbox/ses/newest", "dapr-api-token", "page-token").statusCode())
        .isEqualTo(200);
  }

  @Test
  void thePageServesOnlyItsOwnFiles() throws Exception {
    startWithOutbox(Map.of());

    HttpResponse<Buffer> missing = server.get("/outbox/nothing.js");
    HttpResponse<Buffer> escape = server.get("/outbox/../../../../etc/passwd");
    HttpResponse<Buffer> encoded = server.get("/outbox/%2e%2e/%2e%2e/%2e%2e/etc/passwd");

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(escape.bodyAsString()).doesNotContain("root:");
    assertThat(encoded.bodyAsString()).doesNotContain("root:");
    assertThat(escape.statusCode()).isNotEqualTo(200);
    assertThat(encoded.statusCode()).isNotEqualTo(200);
  }

  @Test
  void withoutAnOutboxComponentThereIsNoPage() throws Exception {
    server =
        TestServer.start(
            folder, Map.of(), List.of(TestServer.sesComponent("real", "http://127.0.0.1:9")));

    HttpResponse<Buffer> page = server.get("/outbox/");

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.bodyAsJsonObject().getString("errorCode")).isEqualTo("ERR_NOT_FOUND");
  }
}
