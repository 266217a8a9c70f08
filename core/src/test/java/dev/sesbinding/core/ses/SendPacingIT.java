package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.SesEvents;
import dev.sesbinding.testing.Await;
import dev.sesbinding.testing.FaultySes;
import dev.sesbinding.testing.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code maxSendRate}: sends reach SES no faster than the rate, in order; an email whose turn would
 * come too late is refused at once ({@code THROTTLED}, with when to retry) without an SES call; and
 * {@code auto} takes the account's rate from SES {@code GetSendQuota}.
 */
class SendPacingIT {
  @RegisterExtension static final MotoServer MOTO = MotoServer.create();

  private static SesBinding binding(
      String endpoint, Map<String, String> extra, SesBindingOptions options) {
    Map<String, String> metadata = new HashMap<>();
    metadata.put("region", "eu-west-1");
    metadata.put("endpoint", endpoint);
    metadata.put("accessKey", "AKIAIOSFODNN7EXAMPLE");
    metadata.put("secretKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    metadata.put("emailFrom", "from@example.com");
    metadata.putAll(extra);
    return SesBinding.init(
            ComponentMetadata.of("paced", SesBinding.TYPE, SesBinding.VERSION, metadata), options)
        .toCompletableFuture()
        .join();
  }

  private static InvokeRequest email() {
    return InvokeRequest.ofStringData(
        "create", "<p>Hi</p>", Map.of("emailTo", "to@example.com", "subject", "Paced"));
  }

  /** The arrival times at the stub, from the first, in seconds. */
  private static List<Double> arrivals(FaultySes ses) {
    List<Double> times = new ArrayList<>(List.of(0.0));
    for (Duration gap : ses.gapsBetweenAttempts()) {
      times.add(times.get(times.size() - 1) + gap.toNanos() / 1e9);
    }
    return times;
  }

  @Test
  @SuppressWarnings("FutureReturnValueIgnored") // the callback only frees a place
  void twoHundredSendsAtConcurrency64ReachSesNoFasterThanTheRate() throws Exception {
    try (FaultySes ses = FaultySes.start();
        SesBinding binding =
            binding(
                ses.endpoint().toString(),
                Map.of("maxSendRate", "20"),
                SesBindingOptions.builder().build())) {
      Semaphore inFlight = new Semaphore(64);
      List<CompletableFuture<InvokeResponse>> answers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        inFlight.acquire();
        CompletableFuture<InvokeResponse> answer = binding.invoke(email()).toCompletableFuture();
        answer.whenComplete((response, failure) -> inFlight.release());
        answers.add(answer);
      }
      int sent = 0;
      for (CompletableFuture<InvokeResponse> answer : answers) {
        try {
          answer.get(60, TimeUnit.SECONDS);
          sent++;
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(BindingException.class);
          assertThat(((BindingException) e.getCause()).kind())
              .isEqualTo(BindingException.Kind.THROTTLED);
        }
      }

      List<Double> times = arrivals(ses);
      assertThat(ses.attempts())
          .as("one SES call per email sent, none for a refused one")
          .isEqualTo(sent);
      assertThat(sent).as("64 in flight wait at most 3.2 s: every one is sent").isEqualTo(200);
      // No faster than 20/s: n arrivals span at least (n - 1) / 20 s, and no second holds more than
      // 20 + 1 (a little arrival jitter allowed, never a burst).
      assertThat(times.get(times.size() - 1))
          .isGreaterThanOrEqualTo((times.size() - 1) / 20.0 - 0.1);
      int busiest = 0;
      for (int first = 0; first < times.size(); first++) {
        int inOneSecond = 0;
        for (int next = first;
            next < times.size() && times.get(next) - times.get(first) < 1.0;
            next++) {
          inOneSecond++;
        }
        assertThat(inOneSecond)
            .as("arrivals in the second after arrival %d", first)
            .isLessThanOrEqualTo(23);
        busiest = Math.max(busiest, inOneSecond);
      }
      System.out.printf(
          "pacing at 20/s: %d sends, %d SES calls over %.2f s, at most %d in any second%n",
          sent, ses.attempts(), times.get(times.size() - 1), busiest);
    }
  }

  @Test
  void anEmailWhoseTurnWouldComeTooLateIsThrottledAtOnceWithoutAnSesCall() throws Exception {
    // A 2 s deadline lets an email wait 0.9 s: at 10/s, about 9 in line; the rest are refused.
    java.util.concurrent.atomic.AtomicInteger waited =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger refusedAtOnce =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger succeeded =
        new java.util.concurrent.atomic.AtomicInteger();
    SesEvents events =
        new SesEvents() {
          @Override
          public void paced(String component, Duration wait) {
            assertThat(component).isEqualTo("paced");
            if (!wait.isZero()) {
              waited.incrementAndGet();
            }
          }

          @Override
          public void pacingRefused(String component) {
            refusedAtOnce.incrementAndGet();
          }

          @Override
          public void attempted(String component, Attempt outcome, int number) {
            if (outcome == Attempt.SUCCESS && number == 1) {
              succeeded.incrementAndGet();
            }
          }
        };
    try (FaultySes ses = FaultySes.start();
        SesBinding binding =
            binding(
                ses.endpoint().toString(),
                Map.of("maxSendRate", "10"),
                SesBindingOptions.builder()
                    .deadline(Duration.ofSeconds(2))
                    .events(events)
                    .build())) {
      List<CompletableFuture<InvokeResponse>> answers = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        answers.add(binding.invoke(email()).toCompletableFuture());
      }
      int sent = 0;
      int throttled = 0;
      for (CompletableFuture<InvokeResponse> answer : answers) {
        try {
          answer.get(60, TimeUnit.SECONDS);
          sent++;
        } catch (java.util.concurrent.ExecutionException e) {
          BindingException refused = (BindingException) e.getCause();
          assertThat(refused.kind()).isEqualTo(BindingException.Kind.THROTTLED);
          assertThat(refused.retryAfter()).get().isEqualTo(Duration.ofSeconds(1));
          assertThat(refused.getMessage())
              .startsWith(
                  "SES binding error. Sending email failed: the component's maxSendRate (10.0 emails/s)")
              .endsWith("longer than it may; retry later");
          throttled++;
        }
      }

      System.out.printf(
          "pacing at 10/s, 2 s deadline: %d of 40 sent, %d throttled at once, %d SES calls%n",
          sent, throttled, ses.attempts());
      assertThat(sent).isBetween(8, 12);
      assertThat(throttled).isEqualTo(40 - sent);
      assertThat(ses.attempts()).isEqualTo(sent);
      // what metrics are told: every refusal, every wait in line (the first may not wait), and
      // each send's one attempt
      assertThat(refusedAtOnce.get()).isEqualTo(throttled);
      assertThat(waited.get()).isBetween(sent - 1, sent);
      Await.until(() -> succeeded.get() == ses.attempts(), "attempts told", Duration.ofSeconds(10));
    }
  }

  @Test
  void autoTakesTheAccountsRateFromGetSendQuota() throws Exception {
    MOTO.verifySender("from@example.com");
    // moto's quota: a maximum send rate of 1 email per second.
    try (SesBinding binding =
        binding(
            MOTO.endpoint().toString(),
            Map.of("maxSendRate", "auto"),
            SesBindingOptions.builder().build())) {
      long started = System.nanoTime();
      List<CompletableFuture<InvokeResponse>> answers = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        answers.add(binding.invoke(email()).toCompletableFuture());
      }
      for (CompletableFuture<InvokeResponse> answer : answers) {
        assertThat(MOTO.message(answer.get(60, TimeUnit.SECONDS).metadata().get("messageId")))
            .isNotNull();
      }

      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as("the third email's turn is 2 s after the first's")
          .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }
  }

  @Test
  void aRateThatIsNotOneFailsInitNamingTheKey() {
    for (String rate : List.of("0", "-1", "fast", "100001", "1e-300", "0.009", "NaN")) {
      assertThatThrownBy(
              () ->
                  binding(
                      "http://127.0.0.1:1",
                      Map.of("maxSendRate", rate),
                      SesBindingOptions.builder().build()))
          .isInstanceOf(CompletionException.class)
          .hasRootCauseInstanceOf(BindingException.class)
          .rootCause()
          .hasMessageContaining(
              "metadata key \"maxSendRate\": \"" + rate + "\" is not auto or a number");
    }
    assertThatThrownBy(
            () ->
                binding(
                    "http://127.0.0.1:1",
                    Map.of("maxSendRate", "auto", "sendRateReplicas", "0"),
                    SesBindingOptions.builder().build()))
        .rootCause()
        .hasMessageContaining("\"sendRateReplicas\": \"0\" is not a whole number of replicas");
  }

  @Test
  void replicasShareTheRate() {
    SendRate rate =
        SendRate.of(
                ComponentMetadata.of(
                    "paced",
                    SesBinding.TYPE,
                    SesBinding.VERSION,
                    Map.of("maxSendRate", "14", "sendRateReplicas", "4")))
            .orElseThrow();

    assertThat(rate.share(rate.perSecond())).isEqualTo(3.5);
  }

  @Test
  void emailsStillInLineWhenTheBindingClosesAreAnsweredUnavailable() throws Exception {
    SesBinding binding;
    List<CompletableFuture<InvokeResponse>> answers = new ArrayList<>();
    try (FaultySes ses = FaultySes.start()) {
      binding =
          binding(
              ses.endpoint().toString(),
              Map.of("maxSendRate", "1"),
              SesBindingOptions.builder().build());
      for (int i = 0; i < 3; i++) {
        answers.add(binding.invoke(email()).toCompletableFuture());
      }

      binding.close();

      int unavailable = 0;
      for (CompletableFuture<InvokeResponse> answer : answers) {
        try {
          answer.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          BindingException closed = (BindingException) e.getCause();
          if (closed.kind() == BindingException.Kind.UNAVAILABLE) {
            unavailable++;
          }
        }
      }
      assertThat(unavailable)
          .as("the two waiting their turn (the first may have gone already)")
          .isGreaterThanOrEqualTo(2);
      assertThat(answers).allMatch(CompletableFuture::isDone);
    }
  }

  @Test
  void autoFailsInitWhenSesWillNotTellTheRate() throws Exception {
    try (FaultySes ses = FaultySes.start()) {
      ses.always(dev.sesbinding.testing.SesReply.error(403, "AccessDenied", "not allowed"));

      assertThatThrownBy(
              () ->
                  binding(
                      ses.endpoint().toString(),
                      Map.of("maxSendRate", "auto"),
                      SesBindingOptions.builder().maxAttempts(1).build()))
          .rootCause()
          .isInstanceOf(BindingException.class)
          .hasMessageStartingWith("init component paced (bindings.aws.ses/v1): ")
          .hasMessageContaining("AccessDenied");
    }
  }
}
