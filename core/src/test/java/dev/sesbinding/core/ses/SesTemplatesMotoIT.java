package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.testing.EmulatedMessage;
import dev.sesbinding.testing.MotoServer;
import dev.sesbinding.testing.SesEmulator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesAsyncClient;

/**
 * {@code template}: SES {@code SendTemplatedEmail} against moto, with a template the test creates;
 * the data as a JSON object or a JSON string holding one; To, Cc and Bcc kept; a missing template
 * is {@code REJECTED}.
 */
class SesTemplatesMotoIT {
  @RegisterExtension static final MotoServer MOTO = MotoServer.create();
  private static final String SENDER = "sender@example.com";
  private static final String TEMPLATE = "order-shipped";
  private static SesBinding binding;

  @BeforeAll
  static void createTemplate() throws Exception {
    binding = EmulatorBindings.sendingTo(MOTO, SENDER);
    try (SesAsyncClient ses =
        SesAsyncClient.builder()
            .region(Region.of(SesEmulator.REGION))
            .endpointOverride(MOTO.endpoint())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(SesEmulator.ACCESS_KEY, SesEmulator.SECRET_KEY)))
            .build()) {
      ses.createTemplate(
              request ->
                  request.template(
                      template ->
                          template
                              .templateName(TEMPLATE)
                              .subjectPart("Order {{order}} has shipped")
                              .htmlPart("<p>Hello {{name}}, order {{order}} is on its way.</p>")
                              .textPart("Hello {{name}}, order {{order}} is on its way.")))
          .get(30, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void close() {
    if (binding != null) {
      binding.close();
    }
  }

  private static InvokeResponse send(String data, Map<String, String> metadata) {
    return binding
        .invoke(InvokeRequest.of("create", data.getBytes(StandardCharsets.UTF_8), metadata))
        .toCompletableFuture()
        .join();
  }

  @Test
  void aTemplatedEmailKeepsEveryRecipientWithTheDataAsAnObject() {
    String order = UUID.randomUUID().toString();

    InvokeResponse response =
        send(
            "{\"name\":\"Ana\",\"order\":\"" + order + "\"}",
            Map.of(
                "template", TEMPLATE,
                "emailTo", "ana@example.com;ben@example.com",
                "emailCc", "cc@example.com",
                "emailBcc", "bcc@example.com"));

    EmulatedMessage sent = MOTO.message(response.metadata().get("messageId"));
    assertThat(sent.source()).isEqualTo(SENDER);
    assertThat(sent.to()).containsExactly("ana@example.com", "ben@example.com");
    assertThat(sent.cc()).containsExactly("cc@example.com");
    assertThat(sent.bcc()).containsExactly("bcc@example.com");
    assertThat(sent.bodyType()).isEqualTo("template:" + TEMPLATE);
    assertThat(sent.body()).isEqualTo("{\"name\":\"Ana\",\"order\":\"" + order + "\"}");
  }

  @Test
  void theDataMayBeAJsonStringHoldingTheObject() {
    InvokeResponse response =
        send(
            "\"{\\\"name\\\":\\\"Ben\\\",\\\"order\\\":\\\"7\\\"}\"",
            Map.of("template", TEMPLATE, "emailTo", "ben@example.com"));

    EmulatedMessage sent = MOTO.message(response.metadata().get("messageId"));
    assertThat(sent.to()).containsExactly("ben@example.com");
    assertThat(sent.body()).isEqualTo("{\"name\":\"Ben\",\"order\":\"7\"}");
  }

  @Test
  void aMissingTemplateIsRejectedBySes() {
    assertThatThrownBy(
            () ->
                send(
                    "{\"name\":\"Ana\"}",
                    Map.of("template", "no-such", "emailTo", "a@example.com")))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            BindingException.class,
            rejected -> {
              assertThat(rejected.kind()).isEqualTo(BindingException.Kind.REJECTED);
              assertThat(rejected.getMessage()).contains("TemplateDoesNotExist");
            });
  }

  @Test
  void templateDataThatIsNotAnObjectIsTheCallersToFix() {
    for (String data : new String[] {"[1,2]", "\"plain words\"", "{\"name\":", ""}) {
      assertThatThrownBy(() -> send(data, Map.of("template", TEMPLATE, "emailTo", "a@example.com")))
          .as("data %s", data)
          .cause()
          .isInstanceOfSatisfying(
              BindingException.class,
              refused -> {
                assertThat(refused.kind()).isEqualTo(BindingException.Kind.CALLER);
                assertThat(refused.getMessage()).isEqualTo(TemplateData.NOT_AN_OBJECT);
              });
    }
  }

  @Test
  void aTemplateNameSesCannotHaveIsTheCallersToFix() {
    assertThatThrownBy(
            () -> send("{}", Map.of("template", "no spaces/here", "emailTo", "a@example.com")))
        .cause()
        .isInstanceOfSatisfying(
            BindingException.class,
            refused -> {
              assertThat(refused.kind()).isEqualTo(BindingException.Kind.CALLER);
              assertThat(refused.getMessage())
                  .contains("template")
                  .contains("is not a valid SES template name");
            });
  }
}
