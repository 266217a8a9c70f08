package dev.sesbinding.http;

import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.core.email.Attachment;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.Mailbox;
import dev.sesbinding.core.email.Outbox;
import dev.sesbinding.core.email.SentEmail;
import dev.sesbinding.serving.ByteBudget;
import dev.sesbinding.serving.ErrorCase;
import dev.sesbinding.serving.Refusal;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
      from = indexOf(kept, after) + 1;
      if (from == 0) {
        notKept(ctx, after);
        return;
      }
    }
    long pageBytes = 0;
    int next = from;
    while (next < kept.size() && next - from < limit) {
      long size = kept.get(next).email().heapBytes();
      if (next > from && pageBytes + size > PAGE_BYTES) {
        break;
      }
      pageBytes += size;
      next++;
    }
    if (!reserve(ctx, pageBytes / 2)) {
      return;
    }
    JsonArray emails = new JsonArray();
    kept.subList(from, next).forEach(sent -> emails.add(full(sent)));
    JsonObject page =
        new JsonObject()
            .put("capacity", outbox.capacity())
            .put("maxBytes", outbox.maxBytes())
            .put("bytes", outbox.bytes())
            .put("emails", emails);
    if (next < kept.size()) {
      page.put("next", kept.get(next - 1).messageId());
    }
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
    List<SentEmail> shown = new ArrayList<>();
    long pageBytes = 0;
    boolean pageFull = false; // the newest that fit, without a gap
    int matched = 0;
    for (int i = kept.size() - 1; i >= 0; i--) {
      SentEmail sent = kept.get(i);
      if (!matches(sent.email(), search)) {
        continue;
      }
      matched++;
      long size = summaryBytes(sent.email());
      pageFull |= shown.size() == limit || (!shown.isEmpty() && pageBytes + size > PAGE_BYTES);
      if (!pageFull) {
        shown.add(sent);
        pageBytes += size;
      }
    }
    if (!reserve(ctx, pageBytes)) {
      return;
    }
    JsonArray emails = new JsonArray();
    shown.forEach(sent -> emails.add(summary(sent)));
    json(
        ctx,
        new JsonObject().put("total", kept.size()).put("matched", matched).put("emails", emails));
  }

  /** {@code GET /v1.0/outbox/{name}/emails/{id}}: one email, bodies and all. */
  void email(RoutingContext ctx) {
    withEmail(
        ctx,
        (outbox, sent) -> {
          if (reserve(ctx, sent.email().heapBytes() / 2)) {
            json(ctx, full(sent));
          }
        });
  }

  /**
   * {@code GET /v1.0/outbox/{name}/emails/{id}/attachments/{index}}: a download of one attachment,
   * always as {@code application/octet-stream} so that no browser renders it on this origin.
   */
  void attachment(RoutingContext ctx) {
    withEmail(
        ctx,
        (outbox, sent) -> {
          List<Attachment> attachments = sent.email().attachments();
          String param = ctx.pathParam("index");
          int index = -1;
          if (param.matches("\\d{1,4}")) {
            index = Integer.parseInt(param);
          }
          if (index < 0 || index >= attachments.size()) {
            ErrorResponses.send(
                ctx,
                Refusal.of(
                    ErrorCase.NOT_FOUND,
                    "email "
                        + sent.messageId()
                        + " has no attachment "
                        + param
                        + " (it has "
                        + attachments.size()
                        + ", numbered from 0)"));
            return;
          }
          Attachment attachment = attachments.get(index);
          if (!reserve(ctx, attachment.size())) {
            return;
          }
          download(ctx, "application/octet-stream", attachment.filename(), attachment.content());
        });
  }

  /**
   * {@code GET /v1.0/outbox/{name}/emails/{id}/eml}: the email as a MIME message, built off the
   * event loop; 404 for a templated email, which SES renders.
   */
  void eml(RoutingContext ctx) {
    withEmail(
        ctx,
        (outbox, sent) -> {
          if (!reserve(ctx, sent.size())) {
            return;
          }
          ctx.vertx()
              .executeBlocking(() -> outbox.mime(sent), false)
              .onComplete(
                  built -> {
                    if (built.failed()) {
                      ErrorResponses.send(
                          ctx,
                          Refusal.of(
                              ErrorCase.INTERNAL,
                              "email "
                                  + sent.messageId()
                                  + " cannot be written as MIME: "
                                  + built.cause().getMessage()));
                    } else if (built.result().isEmpty()) {
                      ErrorResponses.send(
                          ctx,
                          Refusal.of(
                              ErrorCase.NOT_FOUND,
                              "email "
                                  + sent.messageId()
                                  + " uses template "
                                  + sent.email().template()
                                  + ", which SES renders: the outbox has no MIME for it"));
                    } else {
                      download(
                          ctx,
                          "message/rfc822",
                          sent.messageId() + ".eml",
                          built.result().orElseThrow());
                    }
                  });
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
  private boolean reserve(RoutingContext ctx, long bytes) {
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

  private interface EmailHandler {
    void handle(Outbox outbox, SentEmail sent);
  }

  private void withEmail(RoutingContext ctx, EmailHandler handler) {
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

  private static int indexOf(List<SentEmail> kept, String messageId) {
    for (int i = 0; i < kept.size(); i++) {
      if (kept.get(i).messageId().equals(messageId)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether the subject, a display name or an address holds {@code search}, in any case; compared
   * in place (a display name as written, not as its encoded header form), allocating nothing.
   */
  private static boolean matches(Email email, String search) {
    if (search.isEmpty() || containsIgnoringCase(email.subject(), search)) {
      return true;
    }
    for (List<Mailbox> list :
        List.of(List.of(email.from()), email.to(), email.cc(), email.bcc(), email.replyTo())) {
      for (Mailbox mailbox : list) {
        if (containsIgnoringCase(mailbox.address(), search)
            || containsIgnoringCase(mailbox.displayName(), search)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean containsIgnoringCase(String text, String search) {
    for (int at = 0; at + search.length() <= text.length(); at++) {
      if (text.regionMatches(true, at, search, 0, search.length())) {
        return true;
      }
    }
    return false;
  }

  /** An upper estimate of a summary's JSON, to keep an answer near its byte bound. */
  private static long summaryBytes(Email email) {
    long characters = 256L + email.subject().length() + email.template().length();
    for (List<Mailbox> list :
        List.of(List.of(email.from()), email.to(), email.cc(), email.bcc(), email.replyTo())) {
      for (Mailbox mailbox : list) {
        characters += mailbox.formatted().length() + 3;
      }
    }
    return 6 * characters; // JSON escapes a character in at most 6
  }

  /** What the list shows of an email: its envelope, subject and size; never a body. */
  private static JsonObject summary(SentEmail sent) {
    Email email = sent.email();
    JsonObject json = envelope(sent).put("attachments", email.attachments().size());
    if (email.isTemplated()) {
      json.put("template", email.template());
    }
    return json;
  }

  private static JsonObject envelope(SentEmail sent) {
    Email email = sent.email();
    return new JsonObject()
        .put("messageId", sent.messageId())
        .put("sentAt", sent.sentAt().toString())
        .put("from", email.from().formatted())
        .put("to", addresses(email.to()))
        .put("cc", addresses(email.cc()))
        .put("bcc", addresses(email.bcc()))
        .put("subject", email.subject())
        .put("size", sent.size());
  }

  private static JsonObject full(SentEmail sent) {
    Email email = sent.email();
    JsonObject json =
        envelope(sent)
            .put("replyTo", addresses(email.replyTo()))
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

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }

  /**
   * A file to save, never to render: {@code nosniff}, a sandboxing CSP, and the filename as plain
   * ASCII and as RFC 5987 UTF-8.
   */
  private static void download(RoutingContext ctx, String type, String filename, byte[] content) {
    String ascii = filename.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
    String utf8 = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
    ctx.response()
        .putHeader("Content-Type", type)
        .putHeader(
            "Content-Disposition",
            "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + utf8)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", "sandbox; default-src 'none'")
        .putHeader("Cache-Control", "no-store")
        .end(Buffer.buffer(content));
  }
}
