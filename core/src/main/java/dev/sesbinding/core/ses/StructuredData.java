package dev.sesbinding.core.ses;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.BindingException.Kind;
import dev.sesbinding.core.email.Attachment;
import dev.sesbinding.core.email.HeaderText;
import dev.sesbinding.core.internal.JsonObjects;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * {@code data} as a JSON object that describes the message: {@code html}, {@code text} (either or
 * both) and {@code attachments} ({@code filename}, {@code contentType}, {@code content} in base64,
 * {@code contentId} for an inline part). Every bad shape is the caller's to fix, named.
 */
record StructuredData(String html, String text, List<Attachment> attachments) {
  private static final String PREFIX = "SES binding error. data: ";
  private static final Set<String> FIELDS = Set.of("html", "text", "attachments");
  private static final Set<String> ATTACHMENT_FIELDS =
      Set.of("filename", "contentType", "content", "contentId");

  /**
   * The message {@code data} describes, if it is a JSON object; empty when it is not one. Data that
   * does not start with an opening brace (a JSON string, the common case) is not decoded at all.
   */
  static Optional<StructuredData> of(byte[] data) {
    if (!JsonObjects.startsLikeAnObject(data)) {
      return Optional.empty();
    }
    String text = new String(data, StandardCharsets.UTF_8).strip();
    JsonNode parsed;
    try {
      parsed = JsonNodeParser.create().parse(text);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (parsed == null || !parsed.isObject()) {
      return Optional.empty();
    }
    Map<String, JsonNode> fields = parsed.asObject();
    if (fields.keySet().stream().noneMatch(FIELDS::contains)) {
      return Optional.empty(); // not ours: Dapr's own answer to data that is not a string
    }
    for (String field : fields.keySet()) {
      if (!FIELDS.contains(field)) {
        throw refused("unknown field \"" + shown(field) + "\" (use html, text, attachments)");
      }
    }
    String html = string(fields, "html", "");
    String plain = string(fields, "text", "");
    if (html.isEmpty() && plain.isEmpty()) {
      throw refused("give html, text or both");
    }
    List<Attachment> attachments = new ArrayList<>();
    JsonNode list = fields.get("attachments");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw refused("attachments must be an array");
      }
      int index = 0;
      Map<String, Integer> contentIds = new HashMap<>();
      for (JsonNode item : list.asArray()) {
        Attachment attachment = attachment(++index, item);
        if (!attachment.contentId().isEmpty()) {
          Integer before = contentIds.putIfAbsent(attachment.contentId(), index);
          if (before != null) {
            throw refused(
                "attachment "
                    + index
                    + ": contentId \""
                    + shown(attachment.contentId())
                    + "\" is attachment "
                    + before
                    + "'s too; each inline part needs its own");
          }
        }
        attachments.add(attachment);
      }
    }
    return Optional.of(new StructuredData(html, plain, attachments));
  }

  private static Attachment attachment(int index, JsonNode item) {
    if (!item.isObject()) {
      throw refused("attachment " + index + " must be an object");
    }
    Map<String, JsonNode> fields = item.asObject();
    for (String field : fields.keySet()) {
      if (!ATTACHMENT_FIELDS.contains(field)) {
        throw refused(
            "attachment "
                + index
                + ": unknown field \""
                + shown(field)
                + "\" (use filename, contentType, content, contentId)");
      }
    }
    String filename = string(fields, "filename", "").strip();
    String named = "attachment " + index + (filename.isEmpty() ? "" : " (" + shown(filename) + ")");
    if (filename.isEmpty()) {
      throw refused(named + ": filename is missing");
    }
    if (HeaderText.firstUnsafe(filename) >= 0 || filename.length() > 255) {
      throw refused(
          named
              + ": the filename has a line break or another control character, or is over 255 characters");
    }
    String contentType = string(fields, "contentType", "application/octet-stream").strip();
    Optional<String> problem = Attachment.problem(filename, contentType);
    if (problem.isPresent()) {
      throw refused(named + ": " + problem.get());
    }
    String content = string(fields, "content", null);
    if (content == null) {
      throw refused(named + ": content (base64) is missing");
    }
    byte[] bytes;
    try {
      // Line breaks and spaces are allowed (MIME wraps base64 at 76), anything else is not.
      bytes = Base64.getDecoder().decode(content.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw refused(named + ": content is not base64");
    }
    String contentId = string(fields, "contentId", "").strip();
    if (HeaderText.firstUnsafe(contentId) >= 0
        || contentId.contains("<")
        || contentId.contains(">")) {
      throw refused(named + ": contentId has a line break, a control character, '<' or '>'");
    }
    return new Attachment(filename, contentType, bytes, contentId);
  }

  private static String string(Map<String, JsonNode> fields, String name, String absent) {
    JsonNode value = fields.get(name);
    if (value == null || value.isNull()) {
      return absent;
    }
    if (!value.isString()) {
      throw refused(name + " must be a string");
    }
    return value.asString();
  }

  /** A value as an error message shows it: control characters as '?', at most 64 characters. */
  static String shown(String value) {
    String printable = value.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > 64 ? printable.substring(0, 64) + "..." : printable;
  }

  private static BindingException refused(String problem) {
    return new BindingException(Kind.CALLER, PREFIX + problem);
  }
}
