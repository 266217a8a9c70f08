package dev.sesbinding.core.ses;

import dev.sesbinding.core.email.ContentType;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.Mailbox;
import dev.sesbinding.core.email.SendOptions;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ses.model.Body;
import software.amazon.awssdk.services.ses.model.Content;
import software.amazon.awssdk.services.ses.model.Destination;
import software.amazon.awssdk.services.ses.model.MessageTag;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;
import software.amazon.awssdk.services.ses.model.SendRawEmailRequest;
import software.amazon.awssdk.services.ses.model.SendTemplatedEmailRequest;

/**
 * The SES {@code SendEmail} request (API 2010-12-01) for an email: UTF-8 subject and body, To, Cc
 * and Bcc all kept.
 */
final class SendEmailRequests {
  static final String CHARSET = "UTF-8";

  private SendEmailRequests() {}

  static SendEmailRequest of(Email email) {
    Destination destination = destination(email);
    Content body = Content.builder().data(email.body()).charset(CHARSET).build();
    SendEmailRequest.Builder request =
        SendEmailRequest.builder()
            .source(email.from().formatted())
            .destination(destination)
            .message(
                message ->
                    message
                        .subject(Content.builder().data(email.subject()).charset(CHARSET).build())
                        .body(
                            email.contentType() == ContentType.TEXT
                                ? Body.builder().text(body).build()
                                : Body.builder().html(body).build()));
    if (!email.replyTo().isEmpty()) {
      request.replyToAddresses(formatted(email.replyTo()));
    }
    if (!email.configurationSet().isEmpty()) {
      request.configurationSetName(email.configurationSet());
    }
    SendOptions options = email.options();
    if (!options.tags().isEmpty()) {
      request.tags(tags(options));
    }
    if (!options.returnPath().isEmpty()) {
      request.returnPath(options.returnPath());
    }
    if (!options.returnPathArn().isEmpty()) {
      request.returnPathArn(options.returnPathArn());
    }
    if (!options.sourceArn().isEmpty()) {
      request.sourceArn(options.sourceArn());
    }
    return request.build();
  }

  /**
   * A raw email: the MIME message, with every recipient (Bcc too, which the headers leave out) as a
   * destination.
   */
  static SendRawEmailRequest raw(Email email) {
    List<String> destinations = new java.util.ArrayList<>(formatted(email.to()));
    destinations.addAll(formatted(email.cc()));
    destinations.addAll(formatted(email.bcc()));
    SendRawEmailRequest.Builder request =
        SendRawEmailRequest.builder()
            .source(email.from().formatted())
            .destinations(destinations)
            .rawMessage(message -> message.data(SdkBytes.fromByteArray(RawEmails.of(email))));
    if (!email.configurationSet().isEmpty()) {
      request.configurationSetName(email.configurationSet());
    }
    // The return path itself is the message's Return-Path header.
    SendOptions options = email.options();
    if (!options.tags().isEmpty()) {
      request.tags(tags(options));
    }
    if (!options.returnPathArn().isEmpty()) {
      request.returnPathArn(options.returnPathArn());
    }
    if (!options.sourceArn().isEmpty()) {
      request.sourceArn(options.sourceArn());
    }
    if (!options.fromArn().isEmpty()) {
      request.fromArn(options.fromArn());
    }
    return request.build();
  }

  /** A templated email: SES fills the template's subject and parts in from the data. */
  static SendTemplatedEmailRequest templated(Email email) {
    SendTemplatedEmailRequest.Builder request =
        SendTemplatedEmailRequest.builder()
            .source(email.from().formatted())
            .destination(destination(email))
            .template(email.template())
            .templateData(email.templateData());
    if (!email.replyTo().isEmpty()) {
      request.replyToAddresses(formatted(email.replyTo()));
    }
    if (!email.configurationSet().isEmpty()) {
      request.configurationSetName(email.configurationSet());
    }
    SendOptions options = email.options();
    if (!options.tags().isEmpty()) {
      request.tags(tags(options));
    }
    if (!options.returnPath().isEmpty()) {
      request.returnPath(options.returnPath());
    }
    if (!options.returnPathArn().isEmpty()) {
      request.returnPathArn(options.returnPathArn());
    }
    if (!options.sourceArn().isEmpty()) {
      request.sourceArn(options.sourceArn());
    }
    return request.build();
  }

  static List<MessageTag> tags(SendOptions options) {
    List<MessageTag> tags = new java.util.ArrayList<>(options.tags().size());
    for (dev.sesbinding.core.email.MessageTag tag : options.tags()) {
      tags.add(MessageTag.builder().name(tag.name()).value(tag.value()).build());
    }
    return tags;
  }

  private static Destination destination(Email email) {
    Destination.Builder destination = Destination.builder().toAddresses(formatted(email.to()));
    if (!email.cc().isEmpty()) {
      destination.ccAddresses(formatted(email.cc()));
    }
    if (!email.bcc().isEmpty()) {
      destination.bccAddresses(formatted(email.bcc()));
    }
    return destination.build();
  }

  private static List<String> formatted(List<Mailbox> mailboxes) {
    String[] addresses = new String[mailboxes.size()];
    for (int i = 0; i < addresses.length; i++) {
      addresses[i] = mailboxes.get(i).formatted();
    }
    return Arrays.asList(addresses);
  }
}
