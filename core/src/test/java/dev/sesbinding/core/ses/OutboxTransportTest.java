package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.email.ContentType;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.EmailRules;
import dev.sesbinding.core.email.Mailbox;
import dev.sesbinding.core.email.SendOptions;
import dev.sesbinding.core.email.SentEmail;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxTransportTest {
  private static final Mailbox ANA = new Mailbox("", "ana@example.com");

  private static Email email(String subject, int bodyCharacters) {
    return new Email(
        ANA,
        List.of(ANA),
        List.of(),
        List.of(),
        List.of(),
        subject,
        "x".repeat(bodyCharacters),
        ContentType.HTML,
        "",
        "",
        "",
        "",
        List.of(),
        SendOptions.NONE);
  }

  private static List<String> subjects(OutboxTransport outbox) {
    return outbox.list().stream().map(SentEmail::email).map(Email::subject).toList();
  }

  @Test
  void dropsTheOldestToStayWithinItsBytes() {
    OutboxTransport outbox = new OutboxTransport(1000, 10_000, Clock.systemUTC());
    long each = email("20", 1000).heapBytes(); // 2,576: three fit in 10,000, four do not

    for (int i = 1; i <= 20; i++) {
      outbox.send(email(Integer.toString(i), 1000));
    }

    assertThat(outbox.bytes()).isLessThanOrEqualTo(10_000).isEqualTo(3 * each);
    assertThat(subjects(outbox)).containsExactly("18", "19", "20");
  }

  @Test
  void dropsTheOldestToStayWithinItsCount() {
    OutboxTransport outbox = new OutboxTransport(3, 1 << 20, Clock.systemUTC());

    for (int i = 1; i <= 5; i++) {
      outbox.send(email(Integer.toString(i), 10));
    }

    assertThat(subjects(outbox)).containsExactly("3", "4", "5");
    assertThat(outbox.count()).isEqualTo(3);
  }

  @Test
  void keepsTheNewestEvenWhenItAloneIsOverTheBytes() {
    OutboxTransport outbox = new OutboxTransport(1000, 2048, Clock.systemUTC());
    outbox.send(email("small", 10));

    outbox.send(email("large", 5000));

    assertThat(subjects(outbox)).containsExactly("large");
    assertThat(outbox.bytes()).isEqualTo(email("large", 5000).heapBytes());
  }

  @Test
  void clearForgetsEveryEmailAndItsBytes() {
    OutboxTransport outbox = new OutboxTransport(1000, 1 << 20, Clock.systemUTC());
    outbox.send(email("a", 100));

    outbox.clear();

    assertThat(outbox.list()).isEmpty();
    assertThat(outbox.bytes()).isZero();
  }

  @Test
  void findsAKeptEmailByItsMessageIdAndNotAnotherOrADroppedOne() {
    OutboxTransport outbox = new OutboxTransport(2, 1 << 20, Clock.systemUTC());
    String dropped = outbox.send(email("1", 10)).toCompletableFuture().join();
    outbox.send(email("2", 10));
    String kept = outbox.send(email("3", 10)).toCompletableFuture().join();

    assertThat(outbox.find(kept)).map(sent -> sent.email().subject()).contains("3");
    assertThat(outbox.find(dropped)).isEmpty();
    assertThat(outbox.find("outbox-unknown")).isEmpty();
  }

  @Test
  void keepsTheEncodedSizeOfEachEmail() {
    OutboxTransport outbox = new OutboxTransport(10, 1 << 20, Clock.systemUTC());
    Email email = email("sized", 3000);

    outbox.send(email);

    assertThat(outbox.list().get(0).size())
        .isEqualTo(EmailRules.encodedSize(email))
        .isGreaterThan(4000); // 3,000 bytes of body in base64
  }

  @Test
  void givesAnEmailAsMimeWithoutItsBcc() throws Exception {
    OutboxTransport outbox = new OutboxTransport(10, 1 << 20, Clock.systemUTC());
    Mailbox hidden = new Mailbox("", "hidden@example.com");
    outbox.send(
        new Email(
            ANA,
            List.of(ANA),
            List.of(),
            List.of(hidden),
            List.of(),
            "Mime",
            "<b>Hi</b>",
            ContentType.HTML,
            "",
            "",
            "",
            "",
            List.of(),
            SendOptions.NONE));

    String mime =
        new String(outbox.mime(outbox.list().get(0)).orElseThrow(), StandardCharsets.UTF_8);

    assertThat(mime).contains("Subject: Mime", "To: ana@example.com", "text/html");
    assertThat(mime).doesNotContain("hidden@example.com");
  }

  @Test
  void hasNoMimeForATemplatedEmailWhichSesRenders() {
    OutboxTransport outbox = new OutboxTransport(10, 1 << 20, Clock.systemUTC());
    outbox.send(
        new Email(
            ANA,
            List.of(ANA),
            List.of(),
            List.of(),
            List.of(),
            "",
            "",
            ContentType.HTML,
            "",
            "welcome",
            "{}",
            "",
            List.of(),
            SendOptions.NONE));

    assertThat(outbox.mime(outbox.list().get(0))).isEmpty();
  }
}
