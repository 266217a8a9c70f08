package dev.sesbinding.core.ses;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.BindingException.Kind;
import dev.sesbinding.core.email.BulkDestination;
import dev.sesbinding.core.email.Mailbox;
import dev.sesbinding.core.email.MessageTag;
import dev.sesbinding.core.internal.JsonObjects;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * {@code data} as a bulk send: a JSON object with {@code template}, its default {@code
 * templateData} and up to 50 {@code destinations}, each with {@code emailTo}, {@code emailCc},
 * {@code emailBcc} (';'-separated, as in metadata), its own {@code templateData} and {@code tags}.
 * Every bad shape is the caller's to fix, named by where it is.
 */
record BulkData(String template, String templateData, List<BulkDestination> destinations) {
  private static final String PREFIX = "SES binding error. data: ";
  private static final Set<String> FIELDS = Set.of("template", "templateData", "destinations");
  private static final Set<String> DESTINATION_FIELDS =
      Set.of("emailTo", "emailCc", "emailBcc", "templateData", "tags");
  private static final byte[] MARK = "\"destinations\"".getBytes(StandardCharsets.UTF_8);

  /**
   * The bulk send {@code data} describes: a JSON object holding both {@code template} and {@code
   * destinations}; empty for any other data, which is then not decoded here (a cheap scan tells).
   */
  static Optional<BulkData> of(byte[] data, BiFunction<String, String, List<Mailbox>> addresses) {
    if (!JsonObjects.startsLikeAnObject(data) || !contains(data, MARK)) {
      return Optional.empty();
    }
    JsonNode parsed;
    try {
      parsed = JsonNodeParser.create().parse(new String(data, StandardCharsets.UTF_8).strip());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (parsed == null
        || !parsed.isObject()
        || !parsed.asObject().containsKey("destinations")
        || !parsed.asObject().containsKey("template")) {
      return Optional.empty();
    }
    Map<String, JsonNode> fields = parsed.asObject();
    for (String field : fields.keySet()) {
      if (!FIELDS.contains(field)) {
        throw refused(
            "unknown field \""
                + StructuredData.shown(field)
                + "\" of a bulk send (use template,"
                + " templateData, destinations)");
      }
    }
    JsonNode template = fields.get("template");
    if (!template.isString()) {
      throw refused("template must be a string");
    }
    JsonNode list = fields.get("destinations");
    if (!list.isArray()) {
      throw refused("destinations must be an array");
    }
    List<BulkDestination> destinations = new ArrayList<>();
    int index = 0;
    for (JsonNode item : list.asArray()) {
      destinations.add(destination(++index, item, addresses));
    }
    return Optional.of(
        new BulkData(
            template.asString(),
            templateData("templateData", fields.get("templateData")),
            destinations));
  }

  private static BulkDestination destination(
      int index, JsonNode item, BiFunction<String, String, List<Mailbox>> addresses) {
    String where = "destination " + index + ": ";
    if (!item.isObject()) {
      throw refused(where + "must be an object");
    }
    Map<String, JsonNode> fields = item.asObject();
    for (String field : fields.keySet()) {
      if (!DESTINATION_FIELDS.contains(field)) {
        throw refused(
            where
                + "unknown field \""
                + StructuredData.shown(field)
                + "\" (use emailTo, emailCc, emailBcc, templateData, tags)");
      }
    }
    String to = string(where, fields, "emailTo");
    if (to.isBlank()) {
      throw refused(where + "emailTo is missing");
    }
    try {
      return new BulkDestination(
          addresses.apply("emailTo", to),
          addresses.apply("emailCc", string(where, fields, "emailCc")),
          addresses.apply("emailBcc", string(where, fields, "emailBcc")),
          templateData(where + "templateData", fields.get("templateData")),
          MessageTag.parseList(string(where, fields, "tags")));
    } catch (BindingException e) {
      // Where in data: "SES binding error: destination 2: emailCc ..."
      throw new BindingException(
          e.kind(), e.getMessage().replaceFirst("^SES binding error: ", PREFIX + where));
    }
  }

  /** A JSON object, or a JSON string holding one, as text; {@code ""} when absent. */
  private static String templateData(String where, JsonNode value) {
    if (value == null || value.isNull()) {
      return "";
    }
    if (value.isObject()) {
      return value.toString();
    }
    if (value.isString()) {
      return TemplateData.of(value.asString().getBytes(StandardCharsets.UTF_8));
    }
    throw refused(where + " must be a JSON object");
  }

  private static String string(String where, Map<String, JsonNode> fields, String name) {
    JsonNode value = fields.get(name);
    if (value == null || value.isNull()) {
      return "";
    }
    if (!value.isString()) {
      throw refused(where + name + " must be a string");
    }
    return value.asString();
  }

  private static boolean contains(byte[] data, byte[] mark) {
    outer:
    for (int i = 0; i + mark.length <= data.length; i++) {
      for (int j = 0; j < mark.length; j++) {
        if (data[i + j] != mark[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static BindingException refused(String problem) {
    return new BindingException(Kind.CALLER, PREFIX + problem);
  }
}
