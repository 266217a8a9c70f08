package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox is bounded by bytes as well as by count, and read page by page: never the whole outbox
 * in one answer.
 */
class OutboxPagesIT {
  @TempDir Path folder;
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String request(String subject, int bodyCharacters) {
    return "{\"operation\":\"create\",\"data\":\""
        + "x".repeat(bodyCharacters)
        + "\",\"metadata\":{\"emailTo\":\"to@example.com\",\"subject\":\""
        + subject
        + "\"}}";
  }

  @Test
  void aTemplatedEmailIsListedWithItsTemplateAndData() throws Exception {
    server = TestServer.start(folder, Map.of(), List.of(TestServer.outboxComponent("ses")));

    assertThat(
            server
                .post(
                    "ses",
                    "{\"operation\":\"create\",\"data\":{\"name\":\"Ana\"},\"metadata\":"
                        + "{\"template\":\"order-shipped\",\"emailTo\":\"ana@example.com\"}}")
                .statusCode())
        .isEqualTo(200);
    JsonObject email =
        server.get("/v1.0/outbox/ses").bodyAsJsonObject().getJsonArray("emails").getJsonObject(0);

    assertThat(email.getString("template")).isEqualTo("order-shipped");
    assertThat(email.getString("templateData")).isEqualTo("{\"name\":\"Ana\"}");
    assertThat(email.getString("subject")).isEmpty();
  }

  @Test
  void aStructuredEmailIsListedWithItsPartsAndAttachmentNamesAndSizesNotContents()
      throws Exception {
    server = TestServer.start(folder, Map.of(), List.of(TestServer.outboxComponent("ses")));

    assertThat(
            server
                .post(
                    "ses",
                    "{\"operation\":\"create\",\"data\":{\"html\":\"<b>Hi</b>\",\"text\":\"Hi\","
                        + "\"attachments\":[{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\","
                        + "\"content\":\"JVBERi0xLjQ=\"}]},\"metadata\":{\"emailTo\":\"ana@example.com\","
                        + "\"subject\":\"Invoice\"}}")
                .statusCode())
        .isEqualTo(200);
    JsonObject email =
        server.get("/v1.0/outbox/ses").bodyAsJsonObject().getJsonArray("emails").getJsonObject(0);

    assertThat(email.getString("body")).isEqualTo("<b>Hi</b>");
    assertThat(email.getString("text")).isEqualTo("Hi");
    JsonObject attachment = email.getJsonArray("attachments").getJsonObject(0);
    assertThat(attachment.getString("filename")).isEqualTo("a.pdf");
    assertThat(attachment.getInteger("size")).isEqualTo(8);
    assertThat(attachment.containsKey("content")).isFalse();
  }

  @Test
  void pagesFollowNextUntilTheNewest() throws Exception {
    server = TestServer.start(folder, Map.of(), List.of(TestServer.outboxComponent("ses")));
    for (int i = 1; i <= 5; i++) {
      assertThat(server.post("ses", request("s" + i, 10)).statusCode()).isEqualTo(200);
    }

    JsonObject first = server.get("/v1.0/outbox/ses?limit=2").bodyAsJsonObject();
    JsonObject second =
        server.get("/v1.0/outbox/ses?limit=2&after=" + first.getString("next")).bodyAsJsonObject();
    JsonObject last =
        server.get("/v1.0/outbox/ses?limit=2&after=" + second.getString("next")).bodyAsJsonObject();

    assertThat(TestServer.subjects(first)).containsExactly("s1", "s2");
    assertThat(TestServer.subjects(second)).containsExactly("s3", "s4");
    assertThat(TestServer.subjects(last)).containsExactly("s5");
    assertThat(last.containsKey("next")).as("no next after the newest").isFalse();
    assertThat(TestServer.subjects(server.get("/v1.0/outbox/ses").bodyAsJsonObject()))
        .as("one page by default for a small outbox")
        .containsExactly("s1", "s2", "s3", "s4", "s5");
  }

  @Test
  void outboxKeepsItsByteBoundAndAPageStaysNearFourMebibytes() throws Exception {
    server =
        TestServer.start(
            folder,
            Map.of(),
            List.of(
                TestServer.component(
                    "ses",
                    "transport",
                    "outbox",
                    "emailFrom",
                    "from@example.com",
                    "outboxMaxBytes",
                    "8Mi")));
    for (int i = 1; i <= 12; i++) { // 900 KiB bodies: about 1.8 MB each on the heap
      assertThat(server.post("ses", request("s" + i, 900 << 10)).statusCode()).isEqualTo(200);
    }

    JsonObject page = server.get("/v1.0/outbox/ses?limit=1000").bodyAsJsonObject();

    assertThat(page.getLong("maxBytes")).isEqualTo(8L << 20);
    assertThat(page.getLong("bytes")).isLessThanOrEqualTo(8L << 20);
    assertThat(TestServer.subjects(page))
        .as("a page holds about 4 MiB: two of these")
        .containsExactly("s9", "s10");
    JsonObject rest =
        server
            .get("/v1.0/outbox/ses?limit=1000&after=" + page.getString("next"))
            .bodyAsJsonObject();
    assertThat(TestServer.subjects(rest)).containsExactly("s11", "s12");
    assertThat(rest.containsKey("next")).isFalse();
  }

  @Test
  void badLimitIs400AndAnUnknownAfterIs404() throws Exception {
    server = TestServer.start(folder, Map.of(), List.of(TestServer.outboxComponent("ses")));

    var badLimit = server.get("/v1.0/outbox/ses?limit=0");
    var unknownAfter = server.get("/v1.0/outbox/ses?after=outbox-gone");

    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(badLimit.bodyAsJsonObject().getString("message"))
        .isEqualTo("query parameter limit: \"0\" is not a whole number from 1 to 1000");
    assertThat(unknownAfter.statusCode()).isEqualTo(404);
    assertThat(unknownAfter.bodyAsJsonObject().getString("errorCode")).isEqualTo("ERR_NOT_FOUND");
  }
}
