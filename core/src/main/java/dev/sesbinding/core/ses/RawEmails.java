package dev.sesbinding.core.ses;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.BindingException.Kind;
import dev.sesbinding.core.email.Attachment;
import dev.sesbinding.core.email.ContentType;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.Mailbox;
import dev.sesbinding.core.email.SendOptions;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * An email as the MIME message SES {@code SendRawEmail} takes, built by Jakarta Mail (never by
 * hand): {@code multipart/alternative} for text beside HTML, {@code multipart/related} for inline
 * parts the HTML shows by {@code cid:}, {@code multipart/mixed} for attachments. Bcc stays out of
 * the headers: SES takes it as a destination. Send options that are headers ({@code Return-Path},
 * {@code List-Unsubscribe}, {@code List-Unsubscribe-Post}) go in the message.
 */
final class RawEmails {
  /** SES's limit for a whole raw message, encoded. */
  static final int MAX_BYTES = 10 * 1024 * 1024;

  private static final Session SESSION = Session.getInstance(new Properties());

  private RawEmails() {}

  /** The message's bytes; fails (the caller's to fix) when it is over SES's 10 MB. */
  static byte[] of(Email email) {
    try {
      MimeMessage message = new MimeMessage(SESSION);
      message.setFrom(address(email.from()));
      message.setRecipients(Message.RecipientType.TO, addresses(email.to()));
      if (!email.cc().isEmpty()) {
        message.setRecipients(Message.RecipientType.CC, addresses(email.cc()));
      }
      if (!email.replyTo().isEmpty()) {
        message.setReplyTo(addresses(email.replyTo()));
      }
      message.setSubject(email.subject(), "UTF-8");
      SendOptions options = email.options();
      if (!options.returnPath().isEmpty()) {
        message.setHeader("Return-Path", "<" + options.returnPath() + ">");
      }
      if (!options.listUnsubscribe().isEmpty()) {
        // Checked ASCII with no space, control or bracket in SendOptions: nothing to inject.
        message.setHeader(
            "List-Unsubscribe",
            MimeUtility.fold("List-Unsubscribe: ".length(), options.listUnsubscribeHeader()));
        if (options.listUnsubscribeOneClick()) {
          message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
      }
      message.setContent(content(email));
      message.saveChanges();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      message.writeTo(out);
      if (out.size() > MAX_BYTES) {
        throw new BindingException(
            Kind.CALLER,
            "SES binding error. the whole message is "
                + out.size()
                + " bytes encoded, over SES's "
                + MAX_BYTES
                + " (10 MB); send smaller attachments");
      }
      return out.toByteArray();
    } catch (MessagingException | IOException e) {
      throw new BindingException(
          Kind.CALLER, "SES binding error. the message cannot be built: " + e.getMessage(), e);
    }
  }

  /** The body: alternative parts, related inline parts, then mixed attachments, as needed. */
  private static MimeMultipart content(Email email) throws MessagingException {
    boolean html = email.contentType() == ContentType.HTML;
    MimeMultipart alternative = new MimeMultipart("alternative");
    String text = html ? email.text() : email.body();
    if (!text.isEmpty()) {
      MimeBodyPart plain = new MimeBodyPart();
      plain.setText(text, "UTF-8", "plain");
      alternative.addBodyPart(plain);
    }
    List<Attachment> inline = new ArrayList<>();
    List<Attachment> attached = new ArrayList<>();
    email.attachments().forEach(a -> (a.isInline() ? inline : attached).add(a));
    if (html) {
      MimeBodyPart htmlPart = new MimeBodyPart();
      htmlPart.setText(email.body(), "UTF-8", "html");
      if (inline.isEmpty()) {
        alternative.addBodyPart(htmlPart);
      } else {
        MimeMultipart related = new MimeMultipart("related");
        related.addBodyPart(htmlPart);
        for (Attachment attachment : inline) {
          MimeBodyPart part = part(attachment);
          part.setContentID("<" + attachment.contentId() + ">");
          part.setDisposition(MimeBodyPart.INLINE);
          related.addBodyPart(part);
        }
        MimeBodyPart relatedPart = new MimeBodyPart();
        relatedPart.setContent(related);
        alternative.addBodyPart(relatedPart);
      }
    } else {
      attached.addAll(inline); // no HTML to show them in: ordinary attachments
    }
    if (attached.isEmpty()) {
      return alternative;
    }
    MimeMultipart mixed = new MimeMultipart("mixed");
    MimeBodyPart body = new MimeBodyPart();
    body.setContent(alternative);
    mixed.addBodyPart(body);
    for (Attachment attachment : attached) {
      MimeBodyPart part = part(attachment);
      part.setDisposition(MimeBodyPart.ATTACHMENT);
      mixed.addBodyPart(part);
    }
    return mixed;
  }

  private static MimeBodyPart part(Attachment attachment) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(
        new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
    part.setFileName(attachment.filename());
    part.setHeader("Content-Transfer-Encoding", "base64");
    return part;
  }

  private static InternetAddress address(Mailbox mailbox) throws UnsupportedEncodingException {
    return mailbox.displayName().isEmpty()
        ? new InternetAddress(mailbox.address(), null, StandardCharsets.UTF_8.name())
        : new InternetAddress(
            mailbox.address(), mailbox.displayName(), StandardCharsets.UTF_8.name());
  }

  private static InternetAddress[] addresses(List<Mailbox> mailboxes)
      throws UnsupportedEncodingException {
    InternetAddress[] addresses = new InternetAddress[mailboxes.size()];
    for (int i = 0; i < addresses.length; i++) {
      addresses[i] = address(mailboxes.get(i));
    }
    return addresses;
  }
}
