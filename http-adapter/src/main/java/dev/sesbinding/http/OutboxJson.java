package dev.sesbinding.http;

import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.Mailbox;
import dev.sesbinding.core.email.MimePart;
import dev.sesbinding.core.email.SendOptions;
import dev.sesbinding.core.email.SentEmail;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What the outbox's JSON says of a kept email (a summary for the list, never a body; or all of it),
 * and the dev inbox's search over its addresses and subject.
 */
final class OutboxJson {
  private OutboxJson() {}

  /**
   * Whether the subject, a display name or an address holds {@code search}, in any case; compared
   * in place (a display name as written, not as its encoded header form), allocating nothing.
   */
  static boolean matches(Email email, String search) {
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

  static boolean containsIgnoringCase(String text, String search) {
    for (int at = 0; at + search.length() <= text.length(); at++) {
      if (text.regionMatches(true, at, search, 0, search.length())) {
        return true;
      }
    }
    return false;
  }

  /** An upper estimate of a summary's JSON, to keep an answer near its byte bound. */
  static long summaryBytes(Email email) {
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
  static JsonObject summary(SentEmail sent) {
    Email email = sent.email();
    JsonObject json = envelope(sent).put("attachments", email.attachments().size());
    if (email.isTemplated()) {
      json.put("template", email.template());
    }
    return json;
  }

  static JsonObject envelope(SentEmail sent) {
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

  static JsonObject full(SentEmail sent) {
    Email email = sent.email();
    JsonObject json =
        envelope(sent)
            .put("replyTo", addresses(email.replyTo()))
            .put("body", email.body())
            .put("contentType", email.contentType().mimeType())
            .put("structure", structure(MimePart.of(email)))
            .put("configurationSet", email.configurationSet());
    SendOptions options = email.options();
    JsonArray tags = new JsonArray();
    options.tags().forEach(tag -> tags.add(tag.name() + "=" + tag.value()));
    json.put("tags", tags)
        .put("returnPath", options.returnPath())
        .put("returnPathArn", options.returnPathArn())
        .put("sourceArn", options.sourceArn())
        .put("fromArn", options.fromArn())
        .put("listUnsubscribe", options.listUnsubscribeHeader())
        .put("listUnsubscribeOneClick", options.listUnsubscribeOneClick());
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

  /** A part as {@code {"type", "filename", "parts"}}, the last two only where it has them. */
  static JsonObject structure(MimePart part) {
    JsonObject json = new JsonObject().put("type", part.type());
    if (!part.filename().isEmpty()) {
      json.put("filename", part.filename());
    }
    if (!part.isLeaf()) {
      JsonArray parts = new JsonArray();
      part.parts().forEach(child -> parts.add(structure(child)));
      json.put("parts", parts);
    }
    return json;
  }

  static JsonArray addresses(List<Mailbox> mailboxes) {
    JsonArray array = new JsonArray();
    mailboxes.forEach(mailbox -> array.add(mailbox.formatted()));
    return array;
  }
}
