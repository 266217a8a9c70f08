package dev.sesbinding.http;

import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.core.ErrorCase;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.Mailbox;
import dev.sesbinding.core.email.Outbox;
import dev.sesbinding.core.email.SentEmail;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** The small read-only endpoints: health, metadata and the outbox. */
final class Endpoints {
  static final String RUNTIME_VERSION = "ses-binding/0.1.0";

  private Endpoints() {}

  /**
   * {@code GET /v1.0/healthz}: 204 when every component is ready, else 500 ERR_HEALTH_NOT_READY.
   */
  static void health(RoutingContext ctx, BooleanSupplier ready) {
    if (ready.getAsBoolean()) {
      ctx.response().setStatusCode(204).end();
    } else {
      ErrorResponses.send(ctx, ErrorCase.NOT_READY, "dapr is not ready: the server is stopping");
    }
  }

  /**
   * {@code GET /v1.0/metadata}: the app id and every component's name, type and version; never a
   * metadata value.
   */
  static void metadata(RoutingContext ctx, String appId, BindingRegistry bindings) {
    JsonArray components = new JsonArray();
    bindings
        .components()
        .forEach(
            component ->
                components.add(
                    new JsonObject()
                        .put("name", component.name())
                        .put("type", component.type())
                        .put("version", component.version())
                        .put("capabilities", new JsonArray())));
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .end(
            new JsonObject()
                .put("id", appId)
                .put("runtimeVersion", RUNTIME_VERSION)
                .put("components", components)
                .encode());
  }

  /** {@code GET /v1.0/outbox/{name}}: the emails an outbox component kept, oldest first. */
  static void listOutbox(RoutingContext ctx, BindingRegistry bindings) {
    outbox(ctx, bindings)
        .ifPresent(
            outbox -> {
              JsonArray emails = new JsonArray();
              outbox.list().forEach(sent -> emails.add(json(sent)));
              ctx.response()
                  .putHeader("Content-Type", "application/json")
                  .end(
                      new JsonObject()
                          .put("capacity", outbox.capacity())
                          .put("emails", emails)
                          .encode());
            });
  }

  /** {@code DELETE /v1.0/outbox/{name}}: forgets every kept email. */
  static void clearOutbox(RoutingContext ctx, BindingRegistry bindings) {
    outbox(ctx, bindings)
        .ifPresent(
            outbox -> {
              outbox.clear();
              ctx.response().setStatusCode(204).end();
            });
  }

  private static Optional<Outbox> outbox(RoutingContext ctx, BindingRegistry bindings) {
    String name = ctx.pathParam("name");
    Optional<Outbox> outbox =
        bindings.get(name).flatMap(binding -> binding.capability(Outbox.class));
    if (outbox.isEmpty()) {
      ErrorResponses.send(
          ctx,
          ErrorCase.NOT_FOUND,
          bindings.get(name).isPresent()
              ? "binding " + name + " has no outbox: its transport is not outbox"
              : "couldn't find output binding " + name);
    }
    return outbox;
  }

  private static JsonObject json(SentEmail sent) {
    Email email = sent.email();
    return new JsonObject()
        .put("messageId", sent.messageId())
        .put("sentAt", sent.sentAt().toString())
        .put("from", email.from().formatted())
        .put("to", addresses(email.to()))
        .put("cc", addresses(email.cc()))
        .put("bcc", addresses(email.bcc()))
        .put("replyTo", addresses(email.replyTo()))
        .put("subject", email.subject())
        .put("body", email.body())
        .put("contentType", email.contentType().mimeType())
        .put("configurationSet", email.configurationSet());
  }

  private static JsonArray addresses(List<Mailbox> mailboxes) {
    JsonArray array = new JsonArray();
    mailboxes.forEach(mailbox -> array.add(mailbox.formatted()));
    return array;
  }
}
