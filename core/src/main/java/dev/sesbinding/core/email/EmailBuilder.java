package dev.sesbinding.core.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds an {@link Email} by named parts ({@link Email#builder()}): addresses as text ({@code "Ana
 * <ana@example.com>"}, checked as the JSON path checks them, naming the field) or as {@link
 * Mailbox}es; an HTML body, a plain-text one, or both (then the text is the alternative part);
 * attachments; or a template and its data; and how SES sends it (tags, return path, sending
 * authorisation, List-Unsubscribe: {@link SendOptions}). {@link #build()} checks the whole email as
 * {@code Email}'s constructor does. A builder is not thread-safe; the email it builds is immutable.
 */
public final class EmailBuilder {
  private Mailbox from;
  private final List<Mailbox> to = new ArrayList<>();
  private final List<Mailbox> cc = new ArrayList<>();
  private final List<Mailbox> bcc = new ArrayList<>();
  private final List<Mailbox> replyTo = new ArrayList<>();
  private final List<Attachment> attachments = new ArrayList<>();
  private String subject = "";
  private String html = "";
  private String text = "";
  private String configurationSet = "";
  private String template = "";
  private String templateData = "";
  private final List<MessageTag> tags = new ArrayList<>();
  private String returnPath = "";
  private String returnPathArn = "";
  private String sourceArn = "";
  private String fromArn = "";
  private final List<String> listUnsubscribe = new ArrayList<>();
  private boolean listUnsubscribeOneClick;

  EmailBuilder() {}

  /** The sender, such as {@code "Shop <noreply@example.com>"}. */
  public EmailBuilder from(String mailbox) {
    return from(Mailbox.parse("emailFrom", mailbox));
  }

  public EmailBuilder from(Mailbox mailbox) {
    this.from = Objects.requireNonNull(mailbox, "from");
    return this;
  }

  /** Adds To recipients, each such as {@code "ana@example.com"} or {@code "Ana <ana@x.org>"}. */
  public EmailBuilder to(String... mailboxes) {
    return add(to, "emailTo", mailboxes);
  }

  public EmailBuilder to(Mailbox... mailboxes) {
    return add(to, mailboxes);
  }

  public EmailBuilder cc(String... mailboxes) {
    return add(cc, "emailCc", mailboxes);
  }

  public EmailBuilder cc(Mailbox... mailboxes) {
    return add(cc, mailboxes);
  }

  public EmailBuilder bcc(String... mailboxes) {
    return add(bcc, "emailBcc", mailboxes);
  }

  public EmailBuilder bcc(Mailbox... mailboxes) {
    return add(bcc, mailboxes);
  }

  public EmailBuilder replyTo(String... mailboxes) {
    return add(replyTo, "emailReplyTo", mailboxes);
  }

  public EmailBuilder replyTo(Mailbox... mailboxes) {
    return add(replyTo, mailboxes);
  }

  public EmailBuilder subject(String subject) {
    this.subject = Objects.requireNonNull(subject, "subject");
    return this;
  }

  /** The HTML body. */
  public EmailBuilder html(String html) {
    this.html = Objects.requireNonNull(html, "html");
    return this;
  }

  /** The plain-text body; beside an HTML body, its alternative part. */
  public EmailBuilder text(String text) {
    this.text = Objects.requireNonNull(text, "text");
    return this;
  }

  /** Adds a file ({@link Attachment} refuses what SES does not send). */
  public EmailBuilder attach(Attachment attachment) {
    attachments.add(Objects.requireNonNull(attachment, "attachment"));
    return this;
  }

  /** Adds a file of this name, MIME type and content. */
  public EmailBuilder attach(String filename, String contentType, byte[] content) {
    return attach(new Attachment(filename, contentType, content, ""));
  }

  /** The SES configuration set to send with (event publishing, dedicated IPs). */
  public EmailBuilder configurationSet(String name) {
    this.configurationSet = Objects.requireNonNull(name, "configurationSet");
    return this;
  }

  /**
   * Sends with SES template {@code name}, filled in with {@code data}, a JSON object as text; the
   * template has its own subject and body.
   */
  public EmailBuilder template(String name, String data) {
    this.template = Objects.requireNonNull(name, "template");
    this.templateData = Objects.requireNonNull(data, "data");
    return this;
  }

  /** Adds an SES message tag, for event publishing ({@link MessageTag} checks SES's rules). */
  public EmailBuilder tag(String name, String value) {
    tags.add(new MessageTag(name, value));
    return this;
  }

  /** The address bounces and complaints go to (SES {@code ReturnPath}). */
  public EmailBuilder returnPath(String address) {
    this.returnPath = Objects.requireNonNull(address, "returnPath");
    return this;
  }

  /** The identity ARN that authorises the return path, when another account owns it. */
  public EmailBuilder returnPathArn(String arn) {
    this.returnPathArn = Objects.requireNonNull(arn, "returnPathArn");
    return this;
  }

  /** The identity ARN that authorises the sender (SES sending authorisation). */
  public EmailBuilder sourceArn(String arn) {
    this.sourceArn = Objects.requireNonNull(arn, "sourceArn");
    return this;
  }

  /** The identity ARN that authorises the From header; the email then goes as a raw message. */
  public EmailBuilder fromArn(String arn) {
    this.fromArn = Objects.requireNonNull(arn, "fromArn");
    return this;
  }

  /**
   * Adds {@code List-Unsubscribe} URIs ({@code mailto:} or {@code https:}); the email then goes as
   * a raw message.
   */
  public EmailBuilder listUnsubscribe(String... uris) {
    for (String uri : uris) {
      listUnsubscribe.add(Objects.requireNonNull(uri, "listUnsubscribe"));
    }
    return this;
  }

  /**
   * Asks for RFC 8058's one-click unsubscribe ({@code List-Unsubscribe-Post:
   * List-Unsubscribe=One-Click}), which Gmail and Yahoo require of bulk senders; needs an {@code
   * https:} URI in {@link #listUnsubscribe}.
   */
  public EmailBuilder listUnsubscribeOneClick(boolean oneClick) {
    this.listUnsubscribeOneClick = oneClick;
    return this;
  }

  /**
   * The email, checked whole.
   *
   * @throws InvalidField or another {@code BindingException} of kind CALLER, in the JSON path's
   *     words, for what SES or that path would refuse
   */
  public Email build() {
    if (from == null) {
      throw EmailRules.notSupplied("emailFrom");
    }
    boolean hasHtml = !html.isEmpty();
    return new Email(
        from,
        to,
        cc,
        bcc,
        replyTo,
        subject,
        hasHtml ? html : text,
        hasHtml || text.isEmpty() ? ContentType.HTML : ContentType.TEXT,
        configurationSet,
        template,
        templateData,
        hasHtml ? text : "",
        attachments,
        new SendOptions(
            tags,
            returnPath,
            returnPathArn,
            sourceArn,
            fromArn,
            listUnsubscribe,
            listUnsubscribeOneClick));
  }

  private EmailBuilder add(List<Mailbox> list, Mailbox... mailboxes) {
    for (Mailbox mailbox : mailboxes) {
      list.add(Objects.requireNonNull(mailbox, "mailbox"));
    }
    return this;
  }

  private EmailBuilder add(List<Mailbox> list, String field, String... mailboxes) {
    for (String mailbox : mailboxes) {
      list.add(Mailbox.parse(field, mailbox));
    }
    return this;
  }
}
