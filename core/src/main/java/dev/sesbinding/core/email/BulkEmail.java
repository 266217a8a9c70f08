package dev.sesbinding.core.email;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One SES template sent to up to 50 destinations, each with its own recipients and template data
 * (SES {@code SendBulkTemplatedEmail}): the sender, Reply-To, the template and its default data, a
 * configuration set, and send options that apply to every destination (tags are the defaults a
 * destination's own tags replace by name). Refuses at construction what SES refuses.
 */
public record BulkEmail(
    Mailbox from,
    List<Mailbox> replyTo,
    String template,
    String defaultTemplateData,
    String configurationSet,
    SendOptions options,
    List<BulkDestination> destinations) {
  /** Destinations per bulk send, at most (SES's limit). */
  public static final int MAX_DESTINATIONS = 50;

  public BulkEmail {
    Objects.requireNonNull(from, "from");
    replyTo = List.copyOf(replyTo);
    Objects.requireNonNull(defaultTemplateData, "defaultTemplateData");
    Objects.requireNonNull(options, "options");
    destinations = List.copyOf(destinations);
    template = EmailRules.templateName(Objects.requireNonNull(template, "template"));
    if (template.isEmpty()) {
      throw EmailRules.notSupplied("template");
    }
    configurationSet = EmailRules.configurationSet(configurationSet);
    if (options.needsRawMessage()) {
      throw new InvalidField(
          options.listUnsubscribe().isEmpty() ? "fromArn" : "listUnsubscribe",
          "cannot go with a bulk send: SES's SendBulkTemplatedEmail takes neither mail headers nor"
              + " FromArn");
    }
    if (destinations.isEmpty() || destinations.size() > MAX_DESTINATIONS) {
      throw new InvalidField(
          "destinations",
          "has " + destinations.size() + " entries; a bulk send takes 1 to " + MAX_DESTINATIONS);
    }
    long bytes = defaultTemplateData.length();
    for (BulkDestination destination : destinations) {
      bytes += destination.templateData().length();
    }
    if (bytes > EmailRules.MAX_MESSAGE_BYTES) {
      throw new InvalidField(
          "destinations",
          "carry "
              + bytes
              + " characters of template data, over SES's "
              + EmailRules.MAX_MESSAGE_BYTES
              + " bytes (10 MB)");
    }
  }

  /** Builds a bulk send by named parts. */
  public static BulkEmailBuilder builder() {
    return new BulkEmailBuilder();
  }

  /**
   * Each destination as a templated {@link Email} of its own (its data, or the default; the default
   * tags with its own replacing them by name): how a transport without bulk sends it.
   */
  public List<Email> asEmails() {
    List<Email> emails = new ArrayList<>(destinations.size());
    for (BulkDestination destination : destinations) {
      Map<String, MessageTag> tags = new LinkedHashMap<>();
      options.tags().forEach(tag -> tags.put(tag.name(), tag));
      destination.tags().forEach(tag -> tags.put(tag.name(), tag));
      emails.add(
          new Email(
              from,
              destination.to(),
              destination.cc(),
              destination.bcc(),
              replyTo,
              "",
              "",
              ContentType.HTML,
              configurationSet,
              template,
              destination.templateData().isEmpty()
                  ? defaultTemplateData
                  : destination.templateData(),
              "",
              List.of(),
              new SendOptions(
                  List.copyOf(tags.values()),
                  options.returnPath(),
                  options.returnPathArn(),
                  options.sourceArn(),
                  "",
                  List.of(),
                  false)));
    }
    return emails;
  }

  /** Counts only. */
  @Override
  public String toString() {
    return "BulkEmail[template="
        + template
        + ", destinations="
        + destinations.size()
        + (configurationSet.isEmpty() ? "" : ", configurationSet=" + configurationSet)
        + "]";
  }
}
