package dev.sesbinding.core.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link BulkEmail} by named parts ({@link BulkEmail#builder()}). Not thread-safe; the
 * bulk email it builds is immutable.
 */
public final class BulkEmailBuilder {
  private Mailbox from;
  private final List<Mailbox> replyTo = new ArrayList<>();
  private String template = "";
  private String defaultTemplateData = "";
  private String configurationSet = "";
  private final List<MessageTag> tags = new ArrayList<>();
  private String returnPath = "";
  private String returnPathArn = "";
  private String sourceArn = "";
  private final List<BulkDestination> destinations = new ArrayList<>();

  BulkEmailBuilder() {}

  public BulkEmailBuilder from(String mailbox) {
    this.from = Mailbox.parse("emailFrom", mailbox);
    return this;
  }

  public BulkEmailBuilder replyTo(String... mailboxes) {
    for (String mailbox : mailboxes) {
      replyTo.add(Mailbox.parse("emailReplyTo", mailbox));
    }
    return this;
  }

  /** The SES template, and the data a destination without its own gets (a JSON object). */
  public BulkEmailBuilder template(String name, String defaultData) {
    this.template = Objects.requireNonNull(name, "template");
    this.defaultTemplateData = Objects.requireNonNull(defaultData, "defaultData");
    return this;
  }

  public BulkEmailBuilder configurationSet(String name) {
    this.configurationSet = Objects.requireNonNull(name, "configurationSet");
    return this;
  }

  /** Adds a default tag, which a destination's tag of the same name replaces. */
  public BulkEmailBuilder tag(String name, String value) {
    tags.add(new MessageTag(name, value));
    return this;
  }

  public BulkEmailBuilder returnPath(String address) {
    this.returnPath = Objects.requireNonNull(address, "returnPath");
    return this;
  }

  public BulkEmailBuilder returnPathArn(String arn) {
    this.returnPathArn = Objects.requireNonNull(arn, "returnPathArn");
    return this;
  }

  public BulkEmailBuilder sourceArn(String arn) {
    this.sourceArn = Objects.requireNonNull(arn, "sourceArn");
    return this;
  }

  /** Adds a destination ({@link BulkDestination#to} makes a simple one). */
  public BulkEmailBuilder destination(BulkDestination destination) {
    destinations.add(Objects.requireNonNull(destination, "destination"));
    return this;
  }

  /** The bulk email, checked whole. */
  public BulkEmail build() {
    if (from == null) {
      throw EmailRules.notSupplied("emailFrom");
    }
    return new BulkEmail(
        from,
        replyTo,
        template,
        defaultTemplateData,
        configurationSet,
        new SendOptions(tags, returnPath, returnPathArn, sourceArn, "", List.of(), false),
        destinations);
  }
}
