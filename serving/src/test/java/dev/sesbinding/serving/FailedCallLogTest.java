package dev.sesbinding.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.ServiceError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailedCallLogTest {
  private final AtomicLong now = new AtomicLong();
  private final List<String> lines = new ArrayList<>();
  private final FailedCallLog log = new FailedCallLog(now::get, lines::add);
  private final CallInfo call = new CallInfo(WayIn.HTTP, "ses", "create");

  @Test
  void aRejectedSendNamesTheComponentKindAndSesCodeAndRequestIdButNotTheMessage() {
    log.ended(
        call,
        Outcome.refused(
            Refusal.invoking(
                ErrorCase.REJECTED,
                "ses",
                "MessageRejected: Email address is not verified: ana@example.com"),
            new ServiceError("MessageRejected", "req-1")),
        Duration.ofMillis(12));

    assertThat(lines)
        .containsExactly(
            "call failed: component=ses way_in=http operation=create kind=rejected status=422"
                + " took_ms=12 ses_code=MessageRejected request_id=req-1");
  }

  @Test
  void aSuccessACallersMistakeAndRefusedExcessLogNothing() {
    log.ended(call, Outcome.success(InvokeResponse.ofMessageId("m")), Duration.ZERO);
    log.ended(call, Outcome.refused(Refusal.of(ErrorCase.INVALID_REQUEST, "x")), Duration.ZERO);
    log.ended(call, Outcome.refused(Refusal.of(ErrorCase.BINDING_NOT_FOUND, "x")), Duration.ZERO);
    log.ended(call, Outcome.refused(Refusal.of(ErrorCase.OVERLOADED, "x")), Duration.ZERO);

    assertThat(lines).isEmpty();
  }

  @Test
  void aFloodLogsTenLinesASecondAndCountsWhatItLeftOut() {
    for (int i = 0; i < 25; i++) {
      log.ended(
          call,
          Outcome.refused(Refusal.of(ErrorCase.UNAVAILABLE, "SES could not be reached")),
          Duration.ZERO);
    }
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    log.ended(
        call,
        Outcome.refused(Refusal.of(ErrorCase.UNAVAILABLE, "SES could not be reached")),
        Duration.ZERO);

    assertThat(lines).hasSize(FailedCallLog.LINES_PER_SECOND + 1);
    assertThat(lines.get(lines.size() - 1))
        .endsWith("(15 more failed calls not logged before this one)");
  }

  @Test
  void whatACallerNamedStaysOnOneShortLine() {
    assertThat(FailedCallLog.printable("ses\nFAKE LINE")).isEqualTo("ses?FAKE?LINE");
    assertThat(FailedCallLog.printable("x".repeat(100))).isEqualTo("x".repeat(64) + "...");
  }
}
