package dev.sesbinding.core.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The MIME structure of an email as SES gets it: a part's type, its file name where it is an
 * attachment, and its parts where it is multipart. What a dev inbox shows, read off the email
 * without building the message.
 */
public record MimePart(String type, String filename, List<MimePart> parts) {
  public MimePart {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(filename, "filename");
    parts = List.copyOf(parts);
  }

  private static MimePart leaf(String type) {
    return new MimePart(type, "", List.of());
  }

  /**
   * The structure of {@code email}. A raw email as the binding builds it: {@code
   * multipart/alternative} holding the text part and the HTML (in {@code multipart/related} with
   * its inline parts), all in {@code multipart/mixed} when there are attachments. An email SES
   * builds ({@code SendEmail}): its one body part. A templated one: {@code "template"}, as SES
   * renders it from the template's parts.
   */
  public static MimePart of(Email email) {
    if (email.isTemplated()) {
      return leaf("template");
    }
    boolean html = email.contentType() == ContentType.HTML;
    if (!email.isRaw()) {
      return leaf(email.contentType().mimeType());
    }
    List<MimePart> alternative = new ArrayList<>();
    if (!(html ? email.text() : email.body()).isEmpty()) {
      alternative.add(leaf("text/plain"));
    }
    List<MimePart> inline = new ArrayList<>();
    List<MimePart> attached = new ArrayList<>();
    for (Attachment attachment : email.attachments()) {
      MimePart part = new MimePart(attachment.contentType(), attachment.filename(), List.of());
      (attachment.isInline() && html ? inline : attached).add(part);
    }
    if (html) {
      if (inline.isEmpty()) {
        alternative.add(leaf("text/html"));
      } else {
        List<MimePart> related = new ArrayList<>();
        related.add(leaf("text/html"));
        related.addAll(inline);
        alternative.add(new MimePart("multipart/related", "", related));
      }
    }
    MimePart body = new MimePart("multipart/alternative", "", alternative);
    if (attached.isEmpty()) {
      return body;
    }
    List<MimePart> mixed = new ArrayList<>();
    mixed.add(body);
    mixed.addAll(attached);
    return new MimePart("multipart/mixed", "", mixed);
  }

  /** Whether the message has no parts of its own: a body, or an attachment. */
  public boolean isLeaf() {
    return parts.isEmpty();
  }
}
