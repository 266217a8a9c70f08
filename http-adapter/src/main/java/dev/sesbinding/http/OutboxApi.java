package dev.sesbinding.http;

import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.core.email.Outbox;
import dev.sesbinding.core.email.SentEmail;
import dev.sesbinding.serving.ByteBudget;
import dev.sesbinding.serving.ErrorCase;
import dev.sesbinding.serving.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The outbox's JSON API: which components keep an outbox, a page of one (oldest first, as since the
 * start), the newest first with a search (what the dev inbox lists), one email, its attachments and
 * its MIME, and clearing it. Answers hold at most about {@value #PAGE_BYTES} bytes of emails.
 */
final class OutboxApi {
  static final int DEFAULT_PAGE = 100;
  static final int MAX_PAGE = 1000;
  static final long PAGE_BYTES = 4L << 20;

  private final BindingRegistry bindings;
  private final ByteBudget budget;

  /**
   * Every answer holding emails reserves about its size from {@code budget}, the bytes all requests
   * hold at once, until it has been written; one that does not fit is refused with 429.
   */
  OutboxApi(BindingRegistry bindings, ByteBudget budget) {
    this.bindings = bindings;
    this.budget = budget;
  }

  /** Whether any component keeps an outbox: the dev inbox is served only then. */
  boolean anyOutbox() {
    return bindings.components().stream().anyMatch(c -> outbox(c.name()).isPresent());
  }

  /** {@code GET /v1.0/outbox}: each component with an outbox, its count and its bounds. */
  void outboxes(RoutingContext ctx) {
    JsonArray outboxes = new JsonArray();
    bindings
        .components()
        .forEach(
            component ->
                outbox(component.name())
                    .ifPresent(
                        outbox ->
                            outboxes.add(
                                new JsonObject()
                                    .put("name", component.name())
                                    .put("count", outbox.count())
                                    .put("capacity", outbox.capacity())
                                    .put("bytes", outbox.bytes())
                                    .put("maxBytes", outbox.maxBytes()))));
    json(ctx, new JsonObject().put("outboxes", outboxes));
  }

  /**
   * {@code GET /v1.0/outbox/{name}?limit=&after=}: a page of the emails an outbox component kept,
   * oldest first, starting after the message id {@code after}; at most {@code limit} emails
   * (default {@value #DEFAULT_PAGE}) and about {@value #PAGE_BYTES} bytes (always at least one),
   * and {@code next} (the id to ask after) when more remain. Never the whole outbox in one string.
   */
  void page(RoutingContext ctx) {
    withOutbox(ctx, outbox -> limit(ctx).ifPresent(limit -> writePage(ctx, outbox, limit)));
  }

  private void writePage(RoutingContext ctx, Outbox outbox, int limit) {
    List<SentEmail> kept = outbox.list();
    int from = 0;
    String after = ctx.request().getParam("after");
    if (after != null) {
      from = OutboxPages.indexOf(kept, after) + 1;
      if (from == 0) {
        notKept(ctx, after);
        return;
      }
    }
    OutboxPages.Page selected = OutboxPages.oldestFirst(kept, from, limit, PAGE_BYTES);
    if (!reserve(ctx, selected.bytes() / 2)) {
      return;
    }
    JsonArray emails = new JsonArray();
    selected.emails().forEach(sent -> emails.add(OutboxJson.full(sent)));
    JsonObject page =
        new JsonObject()
            .put("capacity", outbox.capacity())
            .put("maxBytes", outbox.maxBytes())
            .put("bytes", outbox.bytes())
            .put("emails", emails);
    selected.next().ifPresent(next -> page.put("next", next));
    json(ctx, page);
  }

  /**
   * {@code GET /v1.0/outbox/{name}/newest?search=&limit=}: the kept emails newest first, without
   * bodies, those whose addresses or subject hold {@code search} (any case); {@code total} kept,
   * {@code matched}, and at most {@code limit} and about {@value #PAGE_BYTES} bytes of them.
   */
  void newest(RoutingContext ctx) {
    withOutbox(ctx, outbox -> limit(ctx).ifPresent(limit -> writeNewest(ctx, outbox, limit)));
  }

  private void writeNewest(RoutingContext ctx, Outbox outbox, int limit) {
    String search = ctx.request().getParam("search", "").strip();
    List<SentEmail> kept = outbox.list();
    OutboxPages.Page shown = OutboxPages.newestFirst(kept, search, limit, PAGE_BYTES);
    if (!reserve(ctx, shown.bytes())) {
      return;
    }
    JsonArray emails = new JsonArray();
    shown.emails().forEach(sent -> emails.add(OutboxJson.summary(sent)));
    json(
        ctx,
        new JsonObject()
            .put("total", kept.size())
            .put("matched", shown.matched())
            .put("emails", emails));
  }

  /** {@code GET /v1.0/outbox/{name}/emails/{id}}: one email, bodies and all. */
  void email(RoutingContext ctx) {
    withEmail(
        ctx,
        (outbox, sent) -> {
          if (reserve(ctx, sent.email().heapBytes() / 2)) {
            json(ctx, OutboxJson.full(sent));
          }
        });
  }

  /** {@code DELETE /v1.0/outbox/{name}}: forgets every kept email. */
  void clear(RoutingContext ctx) {
    withOutbox(
        ctx,
        outbox -> {
          outbox.clear();
          ctx.response().setStatusCode(204).end();
        });
  }

  /**
   * Holds {@code bytes} of the budget until the answer has been written (or the connection is
   * gone); when they do not fit, answers 429 with {@code Retry-After} and returns false.
   */
  boolean reserve(RoutingContext ctx, long bytes) {
    if (budget.tryReserve(bytes)) {
      ctx.addEndHandler(done -> budget.release(bytes));
      return true;
    }
    ErrorResponses.send(
        ctx,
        Refusal.of(
            ErrorCase.OVERLOADED,
            "too many bytes held at once to answer now (limit "
                + budget.limit()
                + ", --max-buffered-bytes); retry later"));
    return false;
  }

  interface EmailHandler {
    void handle(Outbox outbox, SentEmail sent);
  }

  void withEmail(RoutingContext ctx, EmailHandler handler) {
    withOutbox(
        ctx,
        outbox -> {
          String id = ctx.pathParam("id");
          outbox
              .find(id)
              .ifPresentOrElse(sent -> handler.handle(outbox, sent), () -> notKept(ctx, id));
        });
  }

  private void withOutbox(RoutingContext ctx, Consumer<Outbox> handler) {
    String name = ctx.pathParam("name");
    Optional<Outbox> outbox = outbox(name);
    if (outbox.isPresent()) {
      handler.accept(outbox.get());
      return;
    }
    ErrorResponses.send(
        ctx,
        Refusal.of(
            ErrorCase.NOT_FOUND,
            bindings.get(name).isPresent()
                ? "binding " + name + " has no outbox: its transport is not outbox"
                : "couldn't find output binding " + name));
  }

  private Optional<Outbox> outbox(String name) {
    return bindings.get(name).flatMap(binding -> binding.capability(Outbox.class));
  }

  private static void notKept(RoutingContext ctx, String messageId) {
    ErrorResponses.send(
        ctx,
        Refusal.of(
            ErrorCase.NOT_FOUND,
            "outbox "
                + ctx.pathParam("name")
                + " has no email "
                + messageId
                + " (it was dropped to make room, or cleared)"));
  }

  private static Optional<Integer> limit(RoutingContext ctx) {
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
          Refusal.of(
              ErrorCase.MALFORMED_REQUEST,
              "query parameter limit: \""
                  + limitParam
                  + "\" is not a whole number from 1 to "
                  + MAX_PAGE));
      return Optional.empty();
    }
    return Optional.of(limit);
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }
}
