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
  static final int DEFAULT_PAGE = 100;
  static final int MAX_PAGE = 1000;
  static final long PAGE_BYTES = 4L << 20;

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

  /**
   * {@code GET /v1.0/outbox/{name}?limit=&after=}: a page of the emails an outbox component kept,
   * oldest first, starting after the message id {@code after}; at most {@code limit} emails
   * (default {@value #DEFAULT_PAGE}) and about {@value #PAGE_BYTES} bytes (always at least one),
   * and {@code next} (the id to ask after) when more remain. Never the whole outbox in one string.
   */
  static void listOutbox(RoutingContext ctx, BindingRegistry bindings) {
    outbox(ctx, bindings).ifPresent(outbox -> writePage(ctx, outbox));
  }

  private static void writePage(RoutingContext ctx, Outbox outbox) {
    String limitParam = ctx.request().getParam("limit", Integer.toString(DEFAULT_PAGE));
    int limit;
    try {
      limit = Integer.parseInt(limitParam.strip());
    } catch (NumberFormatException e) {
      limit = 0;
    }
    if (limit < 1 || limit > MAX_PAGE) {
      ErrorResponses.send(
          ctx,
          ErrorCase.MALFORMED_REQUEST,
          "query parameter limit: \""
              + limitParam
              + "\" is not a whole number from 1 to "
              + MAX_PAGE);
      return;
    }
    List<SentEmail> kept = outbox.list();
    int from = 0;
    String after = ctx.request().getParam("after");
    if (after != null) {
      from = indexOf(kept, after) + 1;
      if (from == 0) {
        ErrorResponses.send(
            ctx,
            ErrorCase.NOT_FOUND,
            "outbox "
                + ctx.pathParam("name")
                + " has no email "
                + after
                + " (it was dropped to make room, or cleared)");
        return;
      }
    }
    JsonArray emails = new JsonArray();
    long pageBytes = 0;
    int next = from;
    while (next < kept.size() && emails.size() < limit) {
      long size = kept.get(next).email().heapBytes();
      if (!emails.isEmpty() && pageBytes + size > PAGE_BYTES) {
        break;
      }
      emails.add(json(kept.get(next)));
      pageBytes += size;
      next++;
    }
    JsonObject page =
        new JsonObject()
            .put("capacity", outbox.capacity())
            .put("maxBytes", outbox.maxBytes())
            .put("bytes", outbox.bytes())
            .put("emails", emails);
    if (next < kept.size()) {
      page.put("next", kept.get(next - 1).messageId());
    }
    ctx.response().putHeader("Content-Type", "application/json").end(page.encode());
  }

  private static int indexOf(List<SentEmail> kept, String messageId) {
    for (int i = 0; i < kept.size(); i++) {
      if (kept.get(i).messageId().equals(messageId)) {
        return i;
      }
    }
    return -1;
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
    JsonObject json =
        new JsonObject()
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
    if (email.isTemplated()) {
      json.put("template", email.template()).put("templateData", email.templateData());
    }
    if (!email.text().isEmpty()) {
      json.put("text", email.text());
    }
    if (!email.attachments().isEmpty()) {
      JsonArray attachments = new JsonArray();
      email
          .attachments()
          .forEach(
              attachment ->
                  attachments.add(
                      new JsonObject()
                          .put("filename", attachment.filename())
                          .put("contentType", attachment.contentType())
                          .put("size", attachment.size())
                          .put("contentId", attachment.contentId())));
      json.put("attachments", attachments);
    }
    return json;
  }

  private static JsonArray addresses(List<Mailbox> mailboxes) {
    JsonArray array = new JsonArray();
    mailboxes.forEach(mailbox -> array.add(mailbox.formatted()));
    return array;
  }
}
