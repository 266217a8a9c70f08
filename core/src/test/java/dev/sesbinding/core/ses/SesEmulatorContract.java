package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.testing.EmulatedMessage;
import dev.sesbinding.testing.SesEmulator;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SES binding end to end through the real AWS SDK against an SES emulator; one subclass per
 * emulator.
 */
abstract class SesEmulatorContract {
  private static final String SENDER = "sender@example.com";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private SesBinding binding;

  protected abstract SesEmulator emulator();

  @BeforeEach
  void initBinding() {
    emulator().reset();
    emulator().verifySender(SENDER);
    ComponentMetadata component =
        ComponentMetadata.of(
            "ses",
            SesBinding.TYPE,
            SesBinding.VERSION,
            emulator().componentMetadata(Map.of("emailFrom", SENDER)));
    binding =
        SesBinding.init(component)
            .toCompletableFuture()
            .orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
            .join();
  }

  @AfterEach
  void closeBinding() {
    binding.close();
  }

  @Test
  void deliversToEveryToCcAndBccRecipientWithSubjectAndBody() {
    String subject = "Report " + UUID.randomUUID();
    InvokeRequest request =
        InvokeRequest.ofStringData(
            "create",
            "<h1>Hi & bye</h1>",
            Map.of(
                "emailTo", "to1@example.com; to2@example.com;to3@example.com",
                "emailCc", "cc1@example.com;cc2@example.com",
                "emailBcc", "bcc1@example.com;bcc2@example.com",
                "subject", subject));

    InvokeResponse response = invoke(request);

    String messageId = response.metadata().get("messageId");
    assertThat(response.dataAsString()).isEqualTo("{\"messageId\":\"" + messageId + "\"}");
    EmulatedMessage sent = emulator().message(messageId);
    assertThat(sent.source()).isEqualTo(SENDER);
    assertThat(sent.to()).containsExactly("to1@example.com", "to2@example.com", "to3@example.com");
    assertThat(sent.cc()).containsExactly("cc1@example.com", "cc2@example.com");
    assertThat(sent.bcc()).containsExactly("bcc1@example.com", "bcc2@example.com");
    assertThat(sent.subject()).isEqualTo(subject);
    assertThat(sent.body()).isEqualTo("<h1>Hi & bye</h1>");
  }

  @Test
  void deliversPlainTextBodyAndInternationalisedDomainAsPunycode() {
    InvokeRequest request =
        InvokeRequest.ofStringData(
            "create",
            "Grüße\nline two",
            Map.of(
                "emailTo",
                "Jürgen Müller <j@bücher.example>",
                "subject",
                "Grüße",
                "contentType",
                "text/plain"));

    EmulatedMessage sent = emulator().message(invoke(request).metadata().get("messageId"));

    assertThat(sent.to())
        .containsExactly("=?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <j@xn--bcher-kva.example>");
    assertThat(sent.subject()).isEqualTo("Grüße");
    assertThat(sent.body()).isEqualTo("Grüße\nline two");
  }

  @Test
  void requestLevelEndpointRegionAndKeysCannotRedirectTheSend() {
    InvokeRequest request =
        InvokeRequest.ofStringData(
            "create",
            "body",
            Map.of(
                "emailTo",
                "to@example.com",
                "subject",
                "still here",
                "endpoint",
                "http://127.0.0.1:9",
                "region",
                "us-west-2",
                "accessKey",
                "AKIAOTHER",
                "secretKey",
                "other"));

    String messageId = invoke(request).metadata().get("messageId");

    assertThat(emulator().message(messageId).subject()).isEqualTo("still here");
  }

  @Test
  void unverifiedSenderComesBackAsRejected() {
    InvokeRequest request =
        InvokeRequest.ofStringData(
            "create",
            "body",
            Map.of(
                "emailFrom",
                "stranger@unverified.example",
                "emailTo",
                "to@example.com",
                "subject",
                "no"));

    Throwable failure = catchThrowable(() -> invoke(request));

    assertThat(failure)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(BindingException.class);
    BindingException error = (BindingException) failure.getCause();
    assertThat(error.kind()).isEqualTo(BindingException.Kind.REJECTED);
    assertThat(error.getMessage())
        .startsWith("SES binding error. Sending email failed: MessageRejected: ")
        .contains("stranger@unverified.example")
        .contains("request id ");
    assertThat(emulator().sentMessages()).isEmpty();
  }

  private InvokeResponse invoke(InvokeRequest request) {
    return binding
        .invoke(request)
        .toCompletableFuture()
        .orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
        .join();
  }
}
