package dev.sesbinding.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.core.ComponentInfo;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.core.RegisteredBinding;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class InvocationPipelineTest {
  private static final InvokeRequest CREATE =
      InvokeRequest.of("create", "\"hi\"".getBytes(StandardCharsets.UTF_8), Map.of());
  private static final InvokeResponse SENT =
      new InvokeResponse(new byte[0], Map.of("messageId", "m-1"));

  /** A binding whose every call gets the stage {@code answers} makes; it keeps them. */
  private static final class Held implements OutputBinding {
    private final Supplier<CompletableFuture<InvokeResponse>> answers;
    final List<CompletableFuture<InvokeResponse>> calls = new CopyOnWriteArrayList<>();

    Held(Supplier<CompletableFuture<InvokeResponse>> answers) {
      this.answers = answers;
    }

    static Held hanging() {
      return new Held(CompletableFuture::new);
    }

    @Override
    public Set<String> operations() {
      return Set.of("create");
    }

    @Override
    public CompletionStage<InvokeResponse> invoke(InvokeRequest request) {
      CompletableFuture<InvokeResponse> answer = answers.get();
      calls.add(answer);
      return answer;
    }

    @Override
    public void close() {}
  }

  private static BindingSource source(String name, OutputBinding binding) {
    return BindingSource.of(
        BindingRegistry.of(
            List.of(RegisteredBinding.of(new ComponentInfo(name, "bindings.test", "v1"), binding)),
            List.of()));
  }

  private static Outcome outcome(Invocation invocation) throws Exception {
    return invocation.outcome().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static InvocationPipeline pipeline(BindingSource source, ServingLimits limits) {
    return InvocationPipeline.builder().bindings(source).limits(limits).build();
  }

  @Test
  void aNameNoBindingServesIsTheSourcesNotFound() throws Exception {
    InvocationPipeline pipeline = pipeline(source("mail", Held.hanging()), limits());

    Refusal refusal =
        outcome(pipeline.invoke(WayIn.HTTP, "other", CREATE, null)).refusal().orElseThrow();

    assertThat(refusal.error()).isEqualTo(ErrorCase.BINDING_NOT_FOUND);
    assertThat(refusal.message())
        .isEqualTo("error invoking output binding other: couldn't find output binding other");
  }

  @Test
  void aCallPastTheInFlightLimitIsOverloadedWithRetryAfterUntilAPermitComesBack() throws Exception {
    Held binding = Held.hanging();
    InvocationPipeline pipeline = pipeline(source("mail", binding), limits(2));
    pipeline.invoke(WayIn.HTTP, "mail", CREATE, null);
    pipeline.invoke(WayIn.GRPC, "mail", CREATE, null);

    Refusal refused =
        outcome(pipeline.invoke(WayIn.PLUGGABLE, "mail", CREATE, null)).refusal().orElseThrow();
    binding.calls.get(0).complete(SENT);
    Invocation later = pipeline.invoke(WayIn.HTTP, "mail", CREATE, null);
    later.cancel();
    Outcome after = outcome(later);

    assertThat(refused.error()).isEqualTo(ErrorCase.OVERLOADED);
    assertThat(refused.message())
        .isEqualTo(
            "error invoking output binding mail: too many requests in flight (limit 2,"
                + " --max-in-flight); retry later");
    assertThat(refused.retryAfterSeconds()).contains(1L);
    assertThat(binding.calls).as("the refused call never reached the binding").hasSize(3);
    assertThat(after.refusal().orElseThrow().error())
        .as("admitted once a permit came back")
        .isEqualTo(ErrorCase.CANCELLED);
  }

  @Test
  void twoPipelinesOfOneCapacityCountTheirCallsTogether() throws Exception {
    Capacity shared = Capacity.of(limits(1));
    InvocationPipeline http =
        InvocationPipeline.builder()
            .bindings(source("mail", Held.hanging()))
            .limits(limits())
            .capacity(shared)
            .build();
    InvocationPipeline socket =
        InvocationPipeline.builder()
            .bindings(source("other", Held.hanging()))
            .limits(limits())
            .capacity(shared)
            .build();
    http.invoke(WayIn.HTTP, "mail", CREATE, null);

    Outcome refused = outcome(socket.invoke(WayIn.PLUGGABLE, "other", CREATE, null));

    assertThat(refused.refusal().orElseThrow().error()).isEqualTo(ErrorCase.OVERLOADED);
    assertThat(shared.inFlight().taken()).isEqualTo(1);
  }

  @Test
  void theCallersSoonerDeadlineEndsTheCallAndCallsTheBindingsWorkOff() throws Exception {
    Held binding = Held.hanging();
    InvocationPipeline pipeline = pipeline(source("mail", binding), limits());

    Outcome outcome = outcome(pipeline.invoke(WayIn.GRPC, "mail", CREATE, Duration.ofMillis(50)));

    assertThat(outcome.refusal().orElseThrow().error()).isEqualTo(ErrorCase.TIMEOUT);
    assertThat(binding.calls.get(0)).as("the binding's stage is ended for it").isDone();
    assertThat(pipeline.capacity().inFlight().taken()).isZero();
  }

  @Test
  void cancellingEndsTheBindingsStageAndGivesThePermitBack() throws Exception {
    Held binding = Held.hanging();
    InvocationPipeline pipeline = pipeline(source("mail", binding), limits());
    Invocation call = pipeline.invoke(WayIn.GRPC, "mail", CREATE, null);

    call.cancel();

    assertThat(outcome(call).refusal().orElseThrow().error()).isEqualTo(ErrorCase.CANCELLED);
    assertThat(binding.calls.get(0).isCancelled()).isTrue();
    assertThat(pipeline.capacity().inFlight().taken()).isZero();
  }

  @Test
  void cancellingAfterTheAnswerChangesNothing() throws Exception {
    InvocationPipeline pipeline =
        pipeline(source("mail", new Held(() -> CompletableFuture.completedFuture(SENT))), limits());
    Invocation call = pipeline.invoke(WayIn.HTTP, "mail", CREATE, null);

    call.cancel();

    assertThat(outcome(call).response()).contains(SENT);
  }

  @Test
  void aBindingThatThrowsOrFailsIsAnsweredFromTheTable() throws Exception {
    InvocationPipeline throwing =
        pipeline(
            source(
                "mail",
                new Held(
                    () -> {
                      throw new IllegalStateException("bug");
                    })),
            limits());
    InvocationPipeline refusing =
        pipeline(
            source(
                "mail",
                new Held(
                    () ->
                        CompletableFuture.failedFuture(
                            new BindingException(
                                BindingException.Kind.CALLER, "emailTo missing")))),
            limits());

    Refusal bug =
        outcome(throwing.invoke(WayIn.HTTP, "mail", CREATE, null)).refusal().orElseThrow();
    Refusal caller =
        outcome(refusing.invoke(WayIn.HTTP, "mail", CREATE, null)).refusal().orElseThrow();

    assertThat(bug.error()).isEqualTo(ErrorCase.BINDING_FAILED);
    assertThat(bug.message())
        .isEqualTo("error invoking output binding mail: internal error (IllegalStateException)");
    assertThat(caller.error()).isEqualTo(ErrorCase.INVALID_REQUEST);
    assertThat(caller.message()).isEqualTo("error invoking output binding mail: emailTo missing");
  }

  @Test
  void listenersHearEveryCallsStartAndEndWithItsWayInAndOutcomeAndCannotBreakIt() throws Exception {
    List<String> heard = new ArrayList<>();
    InvocationPipeline pipeline =
        InvocationPipeline.builder()
            .bindings(source("mail", new Held(() -> CompletableFuture.completedFuture(SENT))))
            .limits(limits())
            .listener(
                new InvocationListener() {
                  @Override
                  public void started(CallInfo call) {
                    heard.add("start " + call.wayIn() + " " + call.component());
                  }

                  @Override
                  public void ended(CallInfo call, Outcome outcome, Duration took) {
                    heard.add(
                        "end "
                            + call.wayIn()
                            + " "
                            + call.operation()
                            + " "
                            + outcome.refusal().map(r -> r.error().name()).orElse("success"));
                  }
                })
            .listener(
                new InvocationListener() {
                  @Override
                  public void started(CallInfo call) {
                    throw new IllegalStateException("a broken listener");
                  }
                })
            .build();

    Outcome sent = outcome(pipeline.invoke(WayIn.PLUGGABLE, "mail", CREATE, null));
    outcome(pipeline.invoke(WayIn.HTTP, "nope", CREATE, null));
    outcome(
        pipeline.refuse(
            WayIn.GRPC, "mail", "create", Refusal.of(ErrorCase.MALFORMED_REQUEST, "bad data")));

    assertThat(sent.succeeded()).isTrue();
    assertThat(heard)
        .containsExactly(
            "start PLUGGABLE mail",
            "end PLUGGABLE create success",
            "start HTTP nope",
            "end HTTP create BINDING_NOT_FOUND",
            "start GRPC mail",
            "end GRPC create MALFORMED_REQUEST");
  }

  private static ServingLimits limits() {
    return limits(1024);
  }

  private static ServingLimits limits(int maxInFlight) {
    return ServingLimits.builder()
        .maxInFlight(maxInFlight)
        .requestTimeout(Duration.ofSeconds(10))
        .build();
  }
}
