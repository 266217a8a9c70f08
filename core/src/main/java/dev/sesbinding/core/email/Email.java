package dev.sesbinding.core.email;

import java.util.List;
import java.util.Objects;

/**
 * A validated email, ready for SES, refusing at construction what SES or the JSON path refuses
 * ({@link EmailRules}: at least one To, a subject unless templated, no header injection, SES's
 * names, at most 50 recipients and 10 MB): sender, recipients, Reply-To addresses, subject, body
 * and its type, a plain-text part beside an HTML body ({@code ""} when none), attachments, an SES
 * configuration set ({@code ""} when none), an SES template with its data, a JSON object ({@code
 * ""} when none: then the subject and body are the email's), and how SES sends it ({@link
 * SendOptions}: tags, return path, sending authorisation, List-Unsubscribe).
 */
public record Email(
    Mailbox from,
    List<Mailbox> to,
    List<Mailbox> cc,
    List<Mailbox> bcc,
    List<Mailbox> replyTo,
    String subject,
    String body,
    ContentType contentType,
    String configurationSet,
    String template,
    String templateData,
    String text,
    List<Attachment> attachments,
    SendOptions options) {

  public Email {
    Objects.requireNonNull(from, "from");
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    bcc = List.copyOf(bcc);
    replyTo = List.copyOf(replyTo);
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(configurationSet, "configurationSet");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(templateData, "templateData");
    Objects.requireNonNull(text, "text");
    attachments = List.copyOf(attachments);
    Objects.requireNonNull(options, "options");
    if (to.isEmpty()) {
      throw EmailRules.notSupplied("emailTo");
    }
    template = EmailRules.templateName(template);
    if (template.isEmpty() && subject.isEmpty()) {
      throw EmailRules.notSupplied("subject");
    }
    EmailRules.subject(subject);
    configurationSet = EmailRules.configurationSet(configurationSet);
    if (!template.isEmpty() && options.needsRawMessage()) {
      throw new InvalidField(
          options.listUnsubscribe().isEmpty() ? "fromArn" : "listUnsubscribe",
          "cannot go with a template: SES sends templates by SendTemplatedEmail, which takes"
              + " neither mail headers nor FromArn (use sourceArn, or send the body yourself)");
    }
    EmailRules.limits(
        to.size() + cc.size() + bcc.size(),
        from,
        List.of(to, cc, replyTo),
        subject,
        body,
        text,
        attachments,
        options.headerBytes());
  }

  /** Builds an email by named parts, the way to make one in Java. */
  public static EmailBuilder builder() {
    return new EmailBuilder();
  }

  /**
   * Whether it goes to SES as a raw MIME message: with attachments, with a text part beside the
   * HTML body, or with an option only a raw message carries ({@link SendOptions#needsRawMessage}).
   */
  public boolean isRaw() {
    return !attachments.isEmpty() || !text.isEmpty() || options.needsRawMessage();
  }

  /** Whether SES sends it from a template (then {@link #templateData()} fills it in). */
  public boolean isTemplated() {
    return !template.isEmpty();
  }

  /** Recipients in To, Cc and Bcc together, the number SES limits to 50. */
  public int recipientCount() {
    return to.size() + cc.size() + bcc.size();
  }

  /**
   * An upper estimate of the heap the email holds: two bytes per character of its body, subject and
   * addresses, plus a fixed overhead. What bounds an outbox by bytes.
   */
  public long heapBytes() {
    long characters =
        (long) subject.length()
            + body.length()
            + configurationSet.length()
            + template.length()
            + templateData.length()
            + text.length()
            + options.headerBytes()
            + 520L * options.tags().size();
    for (Attachment attachment : attachments) {
      characters += attachment.filename().length() + attachment.size() / 2 + 64;
    }
    for (List<Mailbox> list : List.of(List.of(from), to, cc, bcc, replyTo)) {
      for (Mailbox mailbox : list) {
        characters += mailbox.displayName().length() + mailbox.address().length();
      }
    }
    return 2 * characters + 512;
  }

  /** Counts only: addresses, subject and body are personal data. */
  @Override
  public String toString() {
    return "Email[to="
        + to.size()
        + ", cc="
        + cc.size()
        + ", bcc="
        + bcc.size()
        + ", replyTo="
        + replyTo.size()
        + ", subject="
        + subject.length()
        + " chars, body="
        + body.length()
        + " chars, "
        + contentType.mimeType()
        + (configurationSet.isEmpty() ? "" : ", configurationSet=" + configurationSet)
        + (text.isEmpty() ? "" : ", text=" + text.length() + " chars")
        + (attachments.isEmpty() ? "" : ", attachments=" + attachments.size())
        + (options.tags().isEmpty() ? "" : ", tags=" + options.tags().size())
        + (options.listUnsubscribe().isEmpty()
            ? ""
            : ", listUnsubscribe" + (options.listUnsubscribeOneClick() ? " one-click" : ""))
        + (template.isEmpty()
            ? ""
            : ", template=" + template + " with " + templateData.length() + " chars of data")
        + "]";
  }
}
