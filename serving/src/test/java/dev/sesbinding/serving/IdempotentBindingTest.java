package dev.sesbinding.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

@SuppressWarnings("FutureReturnValueIgnored") // calls whose answers a case does not read
class IdempotentBindingTest {
  private static final InvokeResponse SENT =
      new InvokeResponse(
          "{\"messageId\":\"m-1\"}".getBytes(StandardCharsets.UTF_8), Map.of("messageId", "m-1"));

  /** A binding whose every call hangs until the test answers it. */
  private static final class Held implements OutputBinding {
    final List<CompletableFuture<InvokeResponse>> calls = new CopyOnWriteArrayList<>();

    @Override
    public Set<String> operations() {
      return Set.of("create");
    }

    @Override
    public CompletionStage<InvokeResponse> invoke(InvokeRequest request) {
      CompletableFuture<InvokeResponse> call = new CompletableFuture<>();
      calls.add(call);
      return call;
    }

    @Override
    public void close() {}
  }

  private final Held held = new Held();
  private final AtomicLong clock = new AtomicLong();

  private IdempotentBinding binding(IdempotencySettings settings) {
    return IdempotentBinding.of("mail", held, settings, clock::get);
  }

  private IdempotentBinding binding() {
    return binding(IdempotencySettings.defaults());
  }

  private static InvokeRequest email(String key, String body) {
    Map<String, String> metadata = new HashMap<>(Map.of("emailTo", "ana@example.com"));
    if (key != null) {
      metadata.put(IdempotencySettings.KEY, key);
    }
    return InvokeRequest.of(
        "create", ("\"" + body + "\"").getBytes(StandardCharsets.UTF_8), metadata);
  }

  private static CompletableFuture<InvokeResponse> call(OutputBinding binding, InvokeRequest r) {
    return binding.invoke(r).toCompletableFuture();
  }

  private static Throwable failure(CompletableFuture<InvokeResponse> answer) {
    return InvocationFailure.cause(catchThrowable(answer::join));
  }

  @Test
  void callsWithAKeyInFlightWaitForTheFirstAndNoneSendsAgain() {
    IdempotentBinding binding = binding();

    CompletableFuture<InvokeResponse> first = call(binding, email("k1", "hi"));
    CompletableFuture<InvokeResponse> second = call(binding, email("k1", "hi"));
    held.calls.get(0).complete(SENT);
    CompletableFuture<InvokeResponse> later = call(binding, email("k1", "hi"));

    assertThat(held.calls).hasSize(1);
    assertThat(first.join()).isEqualTo(SENT);
    assertThat(second.join().metadata())
        .containsEntry("messageId", "m-1")
        .containsEntry(IdempotencySettings.REPLAY, "true");
    assertThat(later.join().dataAsString()).isEqualTo("{\"messageId\":\"m-1\"}");
    assertThat(later.join().metadata()).containsEntry(IdempotencySettings.REPLAY, "true");
  }

  @Test
  void theSameKeyForAnotherEmailIsTheCallersErrorAndSendsNothing() {
    IdempotentBinding binding = binding();
    call(binding, email("k1", "hi"));
    held.calls.get(0).complete(SENT);

    Throwable error = failure(call(binding, email("k1", "changed")));

    assertThat(held.calls).hasSize(1);
    assertThat(error)
        .isInstanceOfSatisfying(
            BindingException.class,
            e -> assertThat(e.kind()).isEqualTo(BindingException.Kind.CALLER))
        .hasMessageContaining("\"k1\" was given to another email within the idempotency window");
  }

  @Test
  void aSendRefusedForCertainFreesItsKeyForACorrectedRetry() {
    IdempotentBinding binding = binding();
    CompletableFuture<InvokeResponse> waiting = call(binding, email("k1", "hi"));
    CompletableFuture<InvokeResponse> alsoWaiting = call(binding, email("k1", "hi"));
    held.calls
        .get(0)
        .completeExceptionally(
            new BindingException(BindingException.Kind.REJECTED, "SES binding error. rejected"));

    CompletableFuture<InvokeResponse> retry = call(binding, email("k1", "hi"));

    assertThat(failure(waiting)).hasMessage("SES binding error. rejected");
    assertThat(failure(alsoWaiting))
        .as("the same answer")
        .hasMessage("SES binding error. rejected");
    assertThat(held.calls).as("the retry sends").hasSize(2);
    held.calls.get(1).complete(SENT);
    assertThat(retry.join()).isEqualTo(SENT);
  }

  @Test
  void aSendThatTimedOutMayHaveSentSoItsKeyIsRefusedAsOutcomeUnknown() {
    IdempotentBinding binding = binding();
    CompletableFuture<InvokeResponse> first = call(binding, email("k1", "hi"));
    held.calls
        .get(0)
        .completeExceptionally(new BindingException(BindingException.Kind.TIMEOUT, "timed out"));

    Throwable retry = failure(call(binding, email("k1", "hi")));

    assertThat(failure(first)).hasMessage("timed out");
    assertThat(held.calls).hasSize(1);
    assertThat(retry)
        .isInstanceOfSatisfying(
            Refused.class, e -> assertThat(e.error()).isEqualTo(ErrorCase.OUTCOME_UNKNOWN))
        .hasMessageContaining("whether it sent is unknown; this call sends nothing");
  }

  @Test
  void aCallerGivingUpLeavesTheKeyedSendToFinishAndItsRetryGetsTheAnswer() {
    IdempotentBinding binding = binding();
    CompletableFuture<InvokeResponse> first = call(binding, email("k1", "hi"));

    first.completeExceptionally(new TimeoutException()); // as the pipeline's deadline does
    CompletableFuture<InvokeResponse> retry = call(binding, email("k1", "hi"));
    held.calls.get(0).complete(SENT);

    assertThat(held.calls).hasSize(1);
    assertThat(retry.join().metadata())
        .containsEntry("messageId", "m-1")
        .containsEntry(IdempotencySettings.REPLAY, "true");
  }

  @Test
  void sendsLeftRunningByCallersWhoGaveUpAreBoundedBeyondThatTheyAreCalledOff() {
    IdempotentBinding binding = binding();
    int calls = IdempotentBinding.MAX_DETACHED + 1;

    for (int i = 0; i < calls; i++) {
      call(binding, email("k" + i, "hi")).completeExceptionally(new TimeoutException());
    }

    assertThat(held.calls).hasSize(calls);
    assertThat(held.calls.subList(0, IdempotentBinding.MAX_DETACHED))
        .noneMatch(CompletableFuture::isDone);
    assertThat(held.calls.get(IdempotentBinding.MAX_DETACHED)).isCompletedExceptionally();
    held.calls.get(0).complete(SENT);
    call(binding, email("late", "hi")).completeExceptionally(new TimeoutException());
    assertThat(held.calls.get(calls)).as("a finished send frees its place").isNotDone();
  }

  @Test
  void settingsForRedisNeedAHostAndNeverShowThePassword() {
    IdempotencySettings redis =
        IdempotencySettings.of(
            Map.of(
                "idempotencyStore", "redis",
                "redisHost", "redis:6379",
                "redisPassword", "Sup3rSecret",
                "idempotencyWhenStoreDown", "send"));

    assertThat(redis.inRedis()).isTrue();
    assertThat(redis.sendWhenStoreDown()).isTrue();
    assertThat(redis.toString()).contains("redisHost=redis:6379").doesNotContain("Sup3rSecret");
    assertThat(catchThrowable(() -> IdempotencySettings.of(Map.of("idempotencyStore", "redis"))))
        .hasMessage(
            "SES binding error: metadata key redisHost \"\" is not host:port, such as redis:6379"
                + " (idempotencyStore: redis)");
    assertThat(catchThrowable(() -> IdempotencySettings.of(Map.of("idempotencyStore", "disk"))))
        .hasMessageContaining("idempotencyStore \"disk\" is not memory or redis");
    assertThat(IdempotencySettings.of(Map.of("redisHost", "redis:6379")).inRedis())
        .as("a host without idempotencyStore: redis keeps keys in memory")
        .isFalse();
  }

  @Test
  void aStoreThatCannotBeReachedRefusesAndSendsNothingUnlessTheComponentSaysSend() {
    IdempotencyStore down = new UnreachableStore();
    IdempotencySettings refuse = new IdempotencySettings(false, Duration.ofHours(1), false, 10);
    IdempotencySettings send =
        new IdempotencySettings(false, Duration.ofHours(1), false, 10, "redis:6379", "", true);

    Throwable refused =
        failure(call(IdempotentBinding.of("mail", held, refuse, down), email("k", "hi")));
    CompletableFuture<InvokeResponse> sent =
        call(IdempotentBinding.of("mail", held, send, down), email("k", "hi"));

    assertThat(refused)
        .isInstanceOfSatisfying(
            Refused.class, e -> assertThat(e.error()).isEqualTo(ErrorCase.UNAVAILABLE))
        .hasMessageContaining("idempotency store of component mail cannot be reached");
    assertThat(held.calls).as("only the component that says send sends").hasSize(1);
    held.calls.get(0).complete(SENT);
    assertThat(sent.join()).isEqualTo(SENT);
  }

  /** A store whose every step fails, as an unreachable Redis does. */
  private static final class UnreachableStore implements IdempotencyStore {
    @Override
    public CompletionStage<Claim> claim(String key, String digest, boolean replaceUnknown) {
      return CompletableFuture.failedFuture(new java.net.ConnectException("refused"));
    }

    @Override
    public CompletionStage<Void> sent(Claim mine, InvokeResponse response) {
      throw new AssertionError("never claimed");
    }

    @Override
    public CompletionStage<Void> released(Claim mine, Throwable failure) {
      throw new AssertionError("never claimed");
    }

    @Override
    public CompletionStage<Void> unknown(Claim mine, Throwable failure) {
      throw new AssertionError("never claimed");
    }

    @Override
    public void close() {}
  }

  @Test
  void withResendAKeyOfUnknownOutcomeSendsAgain() {
    IdempotentBinding binding =
        binding(new IdempotencySettings(false, Duration.ofHours(24), true, 100));
    call(binding, email("k1", "hi"));
    held.calls
        .get(0)
        .completeExceptionally(new BindingException(BindingException.Kind.TIMEOUT, "timed out"));

    CompletableFuture<InvokeResponse> retry = call(binding, email("k1", "hi"));
    held.calls.get(1).complete(SENT);

    assertThat(held.calls).hasSize(2);
    assertThat(retry.join()).isEqualTo(SENT);
  }

  @Test
  void keysInsideTheWindowAreRefusedNewOnesWhenFullNeverForgotten() {
    IdempotentBinding binding =
        binding(new IdempotencySettings(false, Duration.ofMinutes(10), false, 2));
    call(binding, email("k1", "hi"));
    call(binding, email("k2", "hi"));
    held.calls.forEach(call -> call.complete(SENT));

    Throwable full = failure(call(binding, email("k3", "hi")));
    CompletableFuture<InvokeResponse> replay = call(binding, email("k1", "hi"));
    clock.addAndGet(Duration.ofMinutes(10).toNanos());
    CompletableFuture<InvokeResponse> afterTheWindow = call(binding, email("k3", "hi"));

    assertThat(full)
        .isInstanceOfSatisfying(
            Refused.class, e -> assertThat(e.error()).isEqualTo(ErrorCase.OVERLOADED))
        .hasMessage(
            "too many idempotency keys remembered (limit 2, idempotencyMaxKeys); retry later");
    assertThat(replay.join().metadata()).containsEntry(IdempotencySettings.REPLAY, "true");
    assertThat(held.calls).as("k3 sends once the window forgot k1 and k2").hasSize(3);
    assertThat(afterTheWindow).isNotDone();
    assertThat(binding.keys()).isEqualTo(1);
  }

  @Test
  void withoutAKeyEverySendGoesThroughUnlessTheComponentRequiresOne() {
    IdempotentBinding optional = binding();
    IdempotentBinding required =
        binding(new IdempotencySettings(true, Duration.ofHours(1), false, 10));

    call(optional, email(null, "hi"));
    call(optional, email(null, "hi"));
    Throwable refused = failure(call(required, email(null, "hi")));

    assertThat(held.calls).hasSize(2);
    assertThat(refused)
        .hasMessage(
            "SES binding error: component mail requires the metadata key idempotencyKey, one per"
                + " email");
  }

  @Test
  void aKeyTooLongOrWithControlCharactersIsTheCallersError() {
    IdempotentBinding binding = binding();

    assertThat(failure(call(binding, email("k".repeat(257), "hi"))))
        .hasMessageContaining("at most 256 characters");
    assertThat(failure(call(binding, email("k\r\n1", "hi"))))
        .hasMessageContaining("none of them a control character");
    assertThat(held.calls).isEmpty();
  }

  @Test
  void theSameBodyQuotedTwoWaysIsTheSameEmail() {
    InvokeRequest escaped =
        InvokeRequest.of(
            "create",
            "\"\\u003cp\\u003eHi\"".getBytes(StandardCharsets.UTF_8),
            Map.of(IdempotencySettings.KEY, "k"));
    InvokeRequest plain =
        InvokeRequest.of(
            "create",
            "\"<p>Hi\"".getBytes(StandardCharsets.UTF_8),
            Map.of(IdempotencySettings.KEY, "k"));

    assertThat(IdempotentBinding.digest(escaped)).isEqualTo(IdempotentBinding.digest(plain));
  }

  @Test
  void theDigestIgnoresTheKeyAndSeesEveryOtherPart() {
    assertThat(IdempotentBinding.digest(email("a", "hi")))
        .isEqualTo(IdempotentBinding.digest(email("b", "hi")))
        .isNotEqualTo(IdempotentBinding.digest(email("a", "ho")));
  }

  @Test
  void settingsComeFromTheComponentsMetadataAndNameAnInvalidKey() {
    IdempotencySettings settings =
        IdempotencySettings.of(
            Map.of(
                "idempotencyRequired", "true",
                "idempotencyWindow", "90m",
                "idempotencyOnUnknown", "resend",
                "idempotencyMaxKeys", "500"));

    assertThat(settings)
        .isEqualTo(new IdempotencySettings(true, Duration.ofMinutes(90), true, 500));
    assertThat(IdempotencySettings.of(Map.of())).isEqualTo(IdempotencySettings.defaults());
    assertThat(catchThrowable(() -> IdempotencySettings.of(Map.of("idempotencyWindow", "8d"))))
        .hasMessage(
            "SES binding error: metadata key idempotencyWindow \"8d\" is not a duration from 1s to"
                + " 168h, such as 24h or 90m");
    assertThat(catchThrowable(() -> IdempotencySettings.of(Map.of("idempotencyOnUnknown", "x"))))
        .hasMessageContaining("idempotencyOnUnknown \"x\" is not refuse or resend");
  }
}
