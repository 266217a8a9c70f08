package dev.sesbinding.core.email;

import java.util.List;
import java.util.Objects;

/**
 * One destination of a {@link BulkEmail}: its recipients, who all get the same version of the
 * email, the template data that fills it in for them ({@code ""}: the bulk email's default), and
 * tags that replace the default tags of the same name.
 */
public record BulkDestination(
    List<Mailbox> to,
    List<Mailbox> cc,
    List<Mailbox> bcc,
    String templateData,
    List<MessageTag> tags) {

  /**
   * @throws InvalidField when there is no To recipient, more than 50 recipients, or a tag repeats
   */
  public BulkDestination {
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    bcc = List.copyOf(bcc);
    Objects.requireNonNull(templateData, "templateData");
    tags = MessageTag.checked(tags);
    if (to.isEmpty()) {
      throw EmailRules.notSupplied("emailTo");
    }
    int recipients = to.size() + cc.size() + bcc.size();
    if (recipients > EmailRules.MAX_RECIPIENTS) {
      throw new InvalidField(
          "emailTo, emailCc and emailBcc",
          "have "
              + recipients
              + " recipients together; SES accepts at most "
              + EmailRules.MAX_RECIPIENTS
              + " per destination");
    }
  }

  /** To these recipients, with this template data (a JSON object as text, or {@code ""}). */
  public static BulkDestination to(String templateData, String... to) {
    List<Mailbox> mailboxes = new java.util.ArrayList<>();
    for (String mailbox : to) {
      mailboxes.add(Mailbox.parse("emailTo", mailbox));
    }
    return new BulkDestination(mailboxes, List.of(), List.of(), templateData, List.of());
  }

  /** Counts only: addresses and data are personal. */
  @Override
  public String toString() {
    return "BulkDestination[to="
        + to.size()
        + ", cc="
        + cc.size()
        + ", bcc="
        + bcc.size()
        + ", templateData="
        + templateData.length()
        + " chars, tags="
        + tags.size()
        + "]";
  }
}
