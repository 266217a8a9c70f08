package dev.sesbinding.http;

import dev.sesbinding.core.email.Attachment;
import dev.sesbinding.serving.ErrorCase;
import dev.sesbinding.serving.Refusal;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The outbox's downloads: an email's attachments and its MIME, as files to save and never to render
 * on this origin; each holds its bytes of the budget while it is written.
 */
final class OutboxFiles {
  private final OutboxApi outboxes;

  OutboxFiles(OutboxApi outboxes) {
    this.outboxes = outboxes;
  }

  /**
   * {@code GET /v1.0/outbox/{name}/emails/{id}/attachments/{index}}: a download of one attachment,
   * always as {@code application/octet-stream} so that no browser renders it on this origin.
   */
  void attachment(RoutingContext ctx) {
    outboxes.withEmail(
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
          if (!outboxes.reserve(ctx, attachment.size())) {
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
    outboxes.withEmail(
        ctx,
        (outbox, sent) -> {
          if (!outboxes.reserve(ctx, sent.size())) {
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
