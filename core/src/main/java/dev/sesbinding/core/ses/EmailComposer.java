package dev.sesbinding.core.ses;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.Metadata;
import dev.sesbinding.core.email.BulkEmail;
import dev.sesbinding.core.email.ContentType;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.EmailRules;
import dev.sesbinding.core.email.InvalidField;
import dev.sesbinding.core.email.Mailbox;
import dev.sesbinding.core.email.MessageTag;
import dev.sesbinding.core.email.SendOptions;
import dev.sesbinding.core.internal.GoUnquote;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a request into a validated {@link Email}, step by step as contract section 3 orders it:
 * merge the component's and the request's metadata, check the required fields with Dapr's texts,
 * unquote the data, then our checks.
 */
final class EmailComposer {
  static final String UNQUOTE_ERROR =
      "SES binding error. Can't unquote data field: invalid syntax (data must be a JSON string)";

  private static final List<String> ADDRESS_KEYS =
      List.of(
          SesKeys.EMAIL_FROM,
          SesKeys.EMAIL_TO,
          SesKeys.EMAIL_CC,
          SesKeys.EMAIL_BCC,
          SesKeys.EMAIL_REPLY_TO);

  private final Map<String, String> componentValues;

  /** The component's own address lists, parsed once. */
  private final Map<String, List<Mailbox>> componentAddresses;

  /** The component's send options, checked once. */
  private final SendOptions componentOptions;

  /**
   * Takes the component's message keys, checked at once: a value no request could use (an invalid
   * address, subject, content type or configuration set) fails init with an {@link InvalidField}
   * naming the key, rather than every request later.
   */
  EmailComposer(Metadata component) {
    Map<String, String> values = new HashMap<>();
    for (String key : SesKeys.MESSAGE_KEYS) {
      component.get(key).ifPresent(value -> values.put(key, value));
    }
    this.componentValues = Map.copyOf(values);
    Map<String, List<Mailbox>> addresses = new HashMap<>();
    for (String key : ADDRESS_KEYS) {
      String value = componentValues.get(key);
      if (value != null) {
        addresses.put(
            key,
            SesKeys.EMAIL_FROM.equals(key) && !value.isEmpty()
                ? List.of(parseSender(value))
                : parseAddresses(key, value));
      }
    }
    this.componentAddresses = Map.copyOf(addresses);
    EmailRules.subject(componentValues.getOrDefault(SesKeys.SUBJECT, ""));
    ContentType.parse(componentValues.getOrDefault(SesKeys.CONTENT_TYPE, ""));
    EmailRules.configurationSet(componentValues.getOrDefault(SesKeys.CONFIGURATION_SET, ""));
    EmailRules.templateName(componentValues.getOrDefault(SesKeys.TEMPLATE, ""));
    this.componentOptions = sendOptions(componentValues);
  }

  Email compose(InvokeRequest request) {
    Metadata requestMetadata = Metadata.of(request.metadata());
    Map<String, String> merged = merge(requestMetadata);
    String from = required(merged, SesKeys.EMAIL_FROM);
    String to = required(merged, SesKeys.EMAIL_TO);
    String template = EmailRules.templateName(merged.getOrDefault(SesKeys.TEMPLATE, ""));
    // A template has its own subject and body: the data fills them in.
    String subject =
        template.isEmpty()
            ? required(merged, SesKeys.SUBJECT)
            : merged.getOrDefault(SesKeys.SUBJECT, "");
    String templateData = template.isEmpty() ? "" : TemplateData.of(request.data());
    // data: a JSON string (the body, as Dapr's binding takes it), or a JSON object describing the
    // message; with a template, the template's data.
    Optional<StructuredData> structured =
        template.isEmpty() ? StructuredData.of(request.data()) : Optional.empty();
    String body =
        !template.isEmpty()
            ? ""
            : structured
                .map(parts -> parts.html().isEmpty() ? parts.text() : parts.html())
                .orElseGet(
                    () ->
                        GoUnquote.unquote(request.data())
                            .orElseThrow(
                                () ->
                                    new BindingException(
                                        BindingException.Kind.CALLER, UNQUOTE_ERROR)));
    ContentType type =
        structured
            .map(parts -> parts.html().isEmpty() ? ContentType.TEXT : ContentType.HTML)
            .orElseGet(() -> ContentType.parse(merged.getOrDefault(SesKeys.CONTENT_TYPE, "")));

    return new Email(
        addresses(SesKeys.EMAIL_FROM, from).get(0),
        addresses(SesKeys.EMAIL_TO, to),
        addresses(SesKeys.EMAIL_CC, merged.getOrDefault(SesKeys.EMAIL_CC, "")),
        addresses(SesKeys.EMAIL_BCC, merged.getOrDefault(SesKeys.EMAIL_BCC, "")),
        addresses(SesKeys.EMAIL_REPLY_TO, merged.getOrDefault(SesKeys.EMAIL_REPLY_TO, "")),
        subject,
        body,
        type,
        merged.getOrDefault(SesKeys.CONFIGURATION_SET, ""),
        template,
        templateData,
        structured.filter(parts -> !parts.html().isEmpty()).map(StructuredData::text).orElse(""),
        structured.map(StructuredData::attachments).orElse(List.of()),
        changesOptions(requestMetadata) ? sendOptions(merged) : componentOptions);
  }

  private static boolean changesOptions(Metadata requestMetadata) {
    for (String key : SesKeys.OPTION_KEYS) {
      if (requestMetadata.get(key).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** The send options the metadata keys give; {@link SendOptions#NONE} when none is set. */
  private static SendOptions sendOptions(Map<String, String> values) {
    if (SesKeys.OPTION_KEYS.stream().allMatch(key -> values.getOrDefault(key, "").isEmpty())) {
      return SendOptions.NONE;
    }
    return new SendOptions(
        MessageTag.parseList(values.getOrDefault(SesKeys.TAGS, "")),
        values.getOrDefault(SesKeys.RETURN_PATH, ""),
        values.getOrDefault(SesKeys.RETURN_PATH_ARN, ""),
        values.getOrDefault(SesKeys.SOURCE_ARN, ""),
        values.getOrDefault(SesKeys.FROM_ARN, ""),
        SendOptions.parseUnsubscribeList(values.getOrDefault(SesKeys.LIST_UNSUBSCRIBE, "")),
        truthy(
            SesKeys.LIST_UNSUBSCRIBE_ONE_CLICK,
            values.getOrDefault(SesKeys.LIST_UNSUBSCRIBE_ONE_CLICK, "")));
  }

  /** Dapr's truthy words, and their opposites; anything else is the caller's to fix. */
  private static boolean truthy(String key, String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "t", "yes", "y", "on", "1" -> true;
      case "", "false", "f", "no", "n", "off", "0" -> false;
      default -> throw new InvalidField(key, value, "is neither true nor false");
    };
  }

  /**
   * The bulk send the request describes ({@link BulkData}), or empty when its data is not one. The
   * sender, Reply-To, configuration set and send options come from the metadata as for one email;
   * each destination has its own recipients, so {@code emailTo}, {@code emailCc}, {@code emailBcc}
   * and {@code subject} of the metadata do not apply.
   */
  Optional<BulkEmail> composeBulk(InvokeRequest request) {
    Optional<BulkData> data = BulkData.of(request.data(), EmailComposer::parseAddresses);
    if (data.isEmpty()) {
      return Optional.empty();
    }
    Metadata requestMetadata = Metadata.of(request.metadata());
    Map<String, String> merged = merge(requestMetadata);
    String from = required(merged, SesKeys.EMAIL_FROM);
    return Optional.of(
        new BulkEmail(
            addresses(SesKeys.EMAIL_FROM, from).get(0),
            addresses(SesKeys.EMAIL_REPLY_TO, merged.getOrDefault(SesKeys.EMAIL_REPLY_TO, "")),
            data.get().template(),
            data.get().templateData(),
            merged.getOrDefault(SesKeys.CONFIGURATION_SET, ""),
            changesOptions(requestMetadata) ? sendOptions(merged) : componentOptions,
            data.get().destinations()));
  }

  /**
   * The request wins key by key; a request key with an empty value clears the component's value.
   */
  private Map<String, String> merge(Metadata requestMetadata) {
    Map<String, String> merged = new HashMap<>(componentValues);
    for (String key : SesKeys.MESSAGE_KEYS) {
      requestMetadata.get(key).ifPresent(value -> merged.put(key, value));
    }
    return merged;
  }

  private static String required(Map<String, String> merged, String key) {
    String value = merged.getOrDefault(key, "");
    if (value.isEmpty()) {
      throw new BindingException(
          BindingException.Kind.CALLER,
          "SES binding error: "
              + key
              + " property not supplied in configuration- or request-metadata");
    }
    return value;
  }

  /**
   * The addresses of {@code field}: the component's, parsed at init, when the request did not
   * change them.
   */
  private List<Mailbox> addresses(String field, String value) {
    if (value.equals(componentValues.get(field))) {
      return componentAddresses.get(field);
    }
    return SesKeys.EMAIL_FROM.equals(field)
        ? List.of(parseSender(value))
        : parseAddresses(field, value);
  }

  private static Mailbox parseSender(String from) {
    List<Mailbox> senders = parseAddresses(SesKeys.EMAIL_FROM, from);
    if (senders.size() != 1) {
      throw new InvalidField(SesKeys.EMAIL_FROM, from, "must be exactly one address");
    }
    return senders.get(0);
  }

  /** Splits on ';', trims each entry and drops empty ones, then validates each address. */
  static List<Mailbox> parseAddresses(String field, String list) {
    List<Mailbox> mailboxes = new ArrayList<>();
    for (String entry : list.split(";", -1)) {
      if (!entry.isBlank()) {
        mailboxes.add(Mailbox.parse(field, entry));
      }
    }
    if (mailboxes.isEmpty() && !list.isEmpty()) {
      throw new InvalidField(field, list, "has no address (addresses are separated by ';')");
    }
    return List.copyOf(mailboxes);
  }
}
