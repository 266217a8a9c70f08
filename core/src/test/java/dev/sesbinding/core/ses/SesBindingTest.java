package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.BindingException.Kind;
import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.Mailbox;
import dev.sesbinding.core.email.SentEmail;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The binding's lifecycle, operations and outbox, without network. */
class SesBindingTest {
  private static final Map<String, String> OUTBOX =
      Map.of("transport", "outbox", "emailFrom", "from@example.com");
  private static final InvokeRequest HELLO =
      InvokeRequest.ofStringData(
          "create", "<p>Hello</p>", Map.of("emailTo", "to@example.com", "subject", "Hi"));

  private static SesBinding init(Map<String, String> metadata) {
    return init(metadata, SesBindingOptions.defaults());
  }

  private static SesBinding init(Map<String, String> metadata, SesBindingOptions options) {
    return SesBinding.init(
            ComponentMetadata.of("mail", "bindings.aws.ses", "v1", metadata), options)
        .toCompletableFuture()
        .join();
  }

  private static BindingException initFailure(Map<String, String> metadata) {
    return failureOf(
        SesBinding.init(ComponentMetadata.of("mail", "bindings.aws.ses", "v1", metadata)));
  }

  private static BindingException failureOf(CompletionStage<?> stage) {
    Throwable failure = catchThrowable(() -> stage.toCompletableFuture().join());
    assertThat(failure).as("the stage should fail").isNotNull();
    assertThat(failure.getCause()).isInstanceOf(BindingException.class);
    return (BindingException) failure.getCause();
  }

  @Test
  void invalidComponentSenderFailsInitNamingComponentAndKey() {
    BindingException error =
        initFailure(Map.of("transport", "outbox", "emailFrom", "noreply-at-example.com"));

    assertThat(error.kind()).isEqualTo(Kind.INIT);
    assertThat(error.getMessage())
        .isEqualTo(
            "init component mail (bindings.aws.ses/v1): SES binding error: emailFrom"
                + " \"noreply-at-example.com\" is not a valid email address (expected a@b.c or Name"
                + " <a@b.c>)");
  }

  @Test
  void outboxMaxBytesTakesASize() {
    try (SesBinding binding =
        init(
            Map.of("transport", "outbox", "emailFrom", "f@example.com", "outboxMaxBytes", "2Mi"))) {
      assertThat(binding.outbox().orElseThrow().maxBytes()).isEqualTo(2L << 20);
    }
    try (SesBinding binding = init(OUTBOX)) {
      assertThat(binding.outbox().orElseThrow().maxBytes()).isEqualTo(16L << 20);
    }
  }

  @Test
  void outboxMaxBytesOutOfRangeFailsInitNamingTheKey() {
    assertThat(initFailure(Map.of("transport", "outbox", "outboxMaxBytes", "12")).getMessage())
        .isEqualTo(
            "init component mail (bindings.aws.ses/v1): metadata key \"outboxMaxBytes\": \"12\" is not"
                + " a size from 1Ki to 1Gi, such as 16Mi, 512Ki or 1048576");
  }

  @Test
  void operationsAreCreateOnly() {
    try (SesBinding binding = init(OUTBOX)) {
      assertThat(binding.operations()).containsExactly("create");
    }
  }

  @Test
  void createRespondsWithMessageIdAsDataAndMetadata() {
    try (SesBinding binding = init(OUTBOX)) {
      InvokeResponse response = binding.invoke(HELLO).toCompletableFuture().join();

      String messageId = response.metadata().get("messageId");
      assertThat(messageId).startsWith("outbox-");
      assertThat(response.dataAsString()).isEqualTo("{\"messageId\":\"" + messageId + "\"}");
    }
  }

  @Test
  void outboxKeepsTheEmailInsteadOfSendingIt() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    try (SesBinding binding = init(OUTBOX, SesBindingOptions.builder().clock(clock).build())) {
      String messageId =
          binding.invoke(HELLO).toCompletableFuture().join().metadata().get("messageId");

      List<SentEmail> sent = binding.outbox().orElseThrow().list();
      assertThat(sent).hasSize(1);
      assertThat(sent.get(0).messageId()).isEqualTo(messageId);
      assertThat(sent.get(0).sentAt()).isEqualTo(clock.instant());
      assertThat(sent.get(0).email().body()).isEqualTo("<p>Hello</p>");
      assertThat(sent.get(0).email().to())
          .extracting(Mailbox::address)
          .containsExactly("to@example.com");
    }
  }

  @Test
  void outboxIsBoundedAndKeepsTheNewest() {
    Map<String, String> metadata = new HashMap<>(OUTBOX);
    metadata.put("outboxCapacity", "2");
    try (SesBinding binding = init(metadata)) {
      for (String subject : List.of("one", "two", "three")) {
        binding
            .invoke(
                InvokeRequest.ofStringData(
                    "create", "b", Map.of("emailTo", "t@example.com", "subject", subject)))
            .toCompletableFuture()
            .join();
      }

      assertThat(binding.outbox().orElseThrow().list())
          .extracting(sent -> sent.email().subject())
          .containsExactly("two", "three");
    }
  }

  @Test
  void outboxAppliesEveryRuleOfCreate() {
    try (SesBinding binding = init(OUTBOX)) {
      BindingException error =
          failureOf(
              binding.invoke(
                  InvokeRequest.ofStringData("create", "b", Map.of("emailTo", "t@example.com"))));

      assertThat(error.getMessage())
          .isEqualTo(
              "SES binding error: subject property not supplied in configuration- or request-metadata");
      assertThat(binding.outbox().orElseThrow().list()).isEmpty();
    }
  }

  @Test
  void sesTransportHasNoOutbox() {
    try (SesBinding binding =
        init(Map.of("region", "eu-west-1", "accessKey", "AKIA1", "secretKey", "s3cr3t"))) {
      assertThat(binding.outbox()).isEmpty();
    }
  }

  @Test
  void unsupportedOperationFailsWithDaprRuntimeText() {
    try (SesBinding binding = init(OUTBOX)) {
      BindingException error =
          failureOf(binding.invoke(InvokeRequest.ofStringData("delete", "b", Map.of())));

      assertThat(error.kind()).isEqualTo(Kind.CALLER);
      assertThat(error.getMessage())
          .isEqualTo("binding mail does not support operation delete. supported operations:create");
    }
  }

  @Test
  void operationMatchesCaseSensitivelyAsDapr() {
    try (SesBinding binding = init(OUTBOX)) {
      assertThat(
              failureOf(binding.invoke(InvokeRequest.ofStringData("CREATE", "b", Map.of())))
                  .getMessage())
          .contains("does not support operation CREATE");
    }
  }

  @Test
  void missingOperationFailsWithDaprRuntimeText() {
    try (SesBinding binding = init(OUTBOX)) {
      assertThat(
              failureOf(binding.invoke(InvokeRequest.ofStringData("", "b", Map.of()))).getMessage())
          .isEqualTo("operation field is missing from request");
    }
  }

  @Test
  void pingIsNotImplementedWithDaprText() {
    try (SesBinding binding = init(OUTBOX)) {
      Throwable failure = catchThrowable(() -> binding.ping().toCompletableFuture().join());

      assertThat(failure.getCause()).hasMessage(OutputBinding.PING_NOT_IMPLEMENTED);
    }
  }

  @Test
  void closedBindingRefusesToSendAndCloseIsIdempotent() {
    SesBinding binding = init(OUTBOX);
    binding.close();
    binding.close();

    assertThat(failureOf(binding.invoke(HELLO)).kind()).isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void customTransportGetsTheValidatedEmailAndStaysOpenForItsOwner() {
    List<Email> sent = new CopyOnWriteArrayList<>();
    AtomicBoolean closed = new AtomicBoolean();
    EmailTransport transport =
        new EmailTransport() {
          @Override
          public CompletionStage<String> send(Email email) {
            sent.add(email);
            return CompletableFuture.completedFuture("custom-1");
          }

          @Override
          public void close() {
            closed.set(true);
          }
        };
    SesBinding binding =
        init(
            Map.of("emailFrom", "f@example.com"),
            SesBindingOptions.builder().transport(transport).build());

    String messageId =
        binding.invoke(HELLO).toCompletableFuture().join().metadata().get("messageId");
    binding.close();

    assertThat(messageId).isEqualTo("custom-1");
    assertThat(sent).singleElement().extracting(Email::subject).isEqualTo("Hi");
    assertThat(closed).as("the caller built the transport, so the caller closes it").isFalse();
  }

  @Test
  void transportFailureReachesTheCallerWithItsKind() {
    EmailTransport failing =
        email -> CompletableFuture.failedFuture(new BindingException(Kind.THROTTLED, "slow down"));
    try (SesBinding binding =
        init(OUTBOX, SesBindingOptions.builder().transport(failing).build())) {
      BindingException error = failureOf(binding.invoke(HELLO));

      assertThat(error.kind()).isEqualTo(Kind.THROTTLED);
      assertThat(error.getMessage()).isEqualTo("slow down");
    }
  }

  @Test
  void initRefusesAnotherComponentType() {
    BindingException error =
        failureOf(SesBinding.init(ComponentMetadata.of("mail", "bindings.smtp", "v1", OUTBOX)));

    assertThat(error.getMessage())
        .isEqualTo(
            "init component mail (bindings.aws.ses/v1): type is bindings.smtp, not"
                + " bindings.aws.ses");
  }

  @Test
  void initRefusesUnknownTransport() {
    assertThat(initFailure(Map.of("transport", "pigeon")).getMessage())
        .isEqualTo(
            "init component mail (bindings.aws.ses/v1): metadata key \"transport\": \"pigeon\" is not"
                + " supported; use ses (the default) or outbox");
  }

  @Test
  void initRefusesOutboxCapacityOutOfRange() {
    assertThat(initFailure(Map.of("transport", "outbox", "outboxCapacity", "0")).getMessage())
        .endsWith("metadata key \"outboxCapacity\": \"0\" is not a whole number from 1 to 100000");
  }

  @Test
  void initNamesTheMissingStaticKeyWithoutShowingTheOther() {
    BindingException error =
        initFailure(Map.of("region", "eu-west-1", "secretKey", "TopSecretValue"));

    assertThat(error.kind()).isEqualTo(Kind.INIT);
    assertThat(error.getMessage())
        .isEqualTo(
            "init component mail (bindings.aws.ses/v1): metadata key \"accessKey\" is"
                + " missing: \"secretKey\" is set, and static credentials need both");
    assertThat(error.getMessage()).doesNotContain("TopSecretValue");
  }

  @Test
  void initRefusesMalformedEndpoint() {
    assertThat(
            initFailure(Map.of("region", "eu-west-1", "endpoint", "localhost:4566")).getMessage())
        .contains("metadata key \"endpoint\": \"localhost:4566\" is not an absolute http(s) URL");
  }

  @Test
  void componentMetadataToStringShowsKeysButNoValues() {
    ComponentMetadata component =
        ComponentMetadata.of(
            "mail",
            "bindings.aws.ses",
            "v1",
            Map.of(
                "accessKey", "AKIA1", "secretKey", "TopSecretValue", "sessionToken", "TokenValue"));

    assertThat(component.toString())
        .contains("secretKey")
        .doesNotContain("TopSecretValue")
        .doesNotContain("TokenValue");
  }
}
