package dev.sesbinding.core.email;

import dev.sesbinding.core.BindingException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules an email's parts follow, in one place: {@link Email} enforces them at construction, so
 * the typed API refuses what the JSON path refuses, with the same words; the JSON path checks a
 * component's own values by them at init. Field names are the metadata keys Dapr's binding uses.
 */
public final class EmailRules {
  /** Recipients in To, Cc and Bcc together, at most, per message (SES's limit). */
  public static final int MAX_RECIPIENTS = 50;

  /** The largest message SES takes, encoded. */
  public static final long MAX_MESSAGE_BYTES = 10L * 1024 * 1024;

  private static final int MIME_OVERHEAD_BYTES = 1024;
  private static final Pattern SES_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private EmailRules() {}

  /** The caller's error for a required field left empty, as Dapr's binding words it. */
  public static BindingException notSupplied(String key) {
    return new BindingException(
        BindingException.Kind.CALLER,
        "SES binding error: "
            + key
            + " property not supplied in configuration- or request-metadata");
  }

  /** {@code subject}, or the error for a line break or control character in it. */
  public static String subject(String subject) {
    if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
      throw new InvalidField(
          "subject", subject, "contains a line break (CR or LF), which could inject mail headers");
    }
    int unsafe = HeaderText.firstUnsafe(subject);
    if (unsafe >= 0) {
      throw new InvalidField(
          "subject",
          subject,
          "contains a control character ("
              + HeaderText.codePoint(subject.charAt(unsafe))
              + "), which a mail header must not carry");
    }
    return subject;
  }

  /** The configuration set's name, trimmed ({@code ""}: none), or the error naming it. */
  public static String configurationSet(String name) {
    String trimmed = name.strip();
    if (!trimmed.isEmpty() && !SES_NAME.matcher(trimmed).matches()) {
      throw new InvalidField(
          "configurationSet",
          name,
          "is not a valid SES configuration set name (1 to 64 ASCII letters, digits, '_' or '-')");
    }
    return trimmed;
  }

  /**
   * The template's name, without surrounding spaces ({@code ""}: none), or the error naming it; a
   * line break or another control character is refused, never trimmed away.
   */
  public static String templateName(String value) {
    String name = value.replaceAll("^ +| +$", "");
    if (!name.isEmpty() && !SES_NAME.matcher(name).matches()) {
      throw new InvalidField(
          "template",
          value,
          "is not a valid SES template name (1 to 64 ASCII letters, digits, '_' or '-')");
    }
    return name;
  }

  /** The error when {@code email} has more recipients or bytes than SES takes in one message. */
  static void limits(
      int recipients,
      Mailbox from,
      List<List<Mailbox>> headerAddresses,
      String subject,
      String body,
      String text,
      List<Attachment> attachments,
      long optionHeaderBytes) {
    if (recipients > MAX_RECIPIENTS) {
      throw new InvalidField(
          "emailTo, emailCc and emailBcc",
          "have "
              + recipients
              + " recipients together; SES accepts at most "
              + MAX_RECIPIENTS
              + " per message");
    }
    long size =
        encodedSize(from, headerAddresses, subject, body, text, attachments) + optionHeaderBytes;
    if (size > MAX_MESSAGE_BYTES) {
      throw new InvalidField(
          "message",
          "is about "
              + size
              + " bytes once encoded, over the SES limit of "
              + MAX_MESSAGE_BYTES
              + " bytes (10 MB); send a smaller body"
              + (attachments.isEmpty() ? "" : " or smaller attachments"));
    }
  }

  /**
   * An upper estimate of the MIME message SES builds of {@code email}: headers, then the body in
   * base64 with line breaks.
   */
  public static long encodedSize(Email email) {
    return encodedSize(
            email.from(),
            List.of(email.to(), email.cc(), email.replyTo()),
            email.subject(),
            email.body(),
            email.text(),
            email.attachments())
        + email.options().headerBytes();
  }

  private static long encodedSize(
      Mailbox from,
      List<List<Mailbox>> headerAddresses,
      String subject,
      String body,
      String text,
      List<Attachment> attachments) {
    long headers = MIME_OVERHEAD_BYTES + base64Length(utf8Length(subject)) + length(from);
    for (List<Mailbox> list : headerAddresses) {
      for (Mailbox mailbox : list) {
        headers += length(mailbox);
      }
    }
    long encoded = base64Length(utf8Length(body)) + base64Length(utf8Length(text));
    for (Attachment attachment : attachments) {
      encoded += base64Length(attachment.size()) + MIME_OVERHEAD_BYTES;
    }
    return headers + encoded + 2 * ((encoded + 75) / 76);
  }

  private static long length(Mailbox mailbox) {
    return (long)
            (mailbox.displayName().isEmpty() ? mailbox.address() : mailbox.formatted()).length()
        + 2;
  }

  /**
   * The UTF-8 size of {@code text} without encoding it (lone surrogates count as the 3 bytes of
   * U+FFFD).
   */
  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static long base64Length(long bytes) {
    return (bytes + 2) / 3 * 4;
  }
}
