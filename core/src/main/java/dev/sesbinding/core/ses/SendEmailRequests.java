package dev.sesbinding.core.ses;

import dev.sesbinding.core.email.BulkDestination;
import dev.sesbinding.core.email.BulkEmail;
import dev.sesbinding.core.email.ContentType;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.Mailbox;
import dev.sesbinding.core.email.SendOptions;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ses.model.Body;
import software.amazon.awssdk.services.ses.model.BulkEmailDestination;
import software.amazon.awssdk.services.ses.model.Content;
import software.amazon.awssdk.services.ses.model.Destination;
import software.amazon.awssdk.services.ses.model.MessageTag;
import software.amazon.awssdk.services.ses.model.SendBulkTemplatedEmailRequest;
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
      request.tags(tags(options.tags()));
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
      request.tags(tags(options.tags()));
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
      request.tags(tags(options.tags()));
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

  private static List<MessageTag> tags(List<dev.sesbinding.core.email.MessageTag> ours) {
    List<MessageTag> tags = new java.util.ArrayList<>(ours.size());
    for (dev.sesbinding.core.email.MessageTag tag : ours) {
      tags.add(MessageTag.builder().name(tag.name()).value(tag.value()).build());
    }
    return tags;
  }

  /**
   * A bulk send: the template to every destination, each with its own data and tags (the defaults
   * where it has none; SES requires default data, so none is {@code {}}).
   */
  static SendBulkTemplatedEmailRequest bulk(BulkEmail bulk) {
    List<BulkEmailDestination> destinations = new java.util.ArrayList<>();
    for (BulkDestination destination : bulk.destinations()) {
      Destination.Builder to = Destination.builder().toAddresses(formatted(destination.to()));
      if (!destination.cc().isEmpty()) {
        to.ccAddresses(formatted(destination.cc()));
      }
      if (!destination.bcc().isEmpty()) {
        to.bccAddresses(formatted(destination.bcc()));
      }
      BulkEmailDestination.Builder entry = BulkEmailDestination.builder().destination(to.build());
      if (!destination.templateData().isEmpty()) {
        entry.replacementTemplateData(destination.templateData());
      }
      if (!destination.tags().isEmpty()) {
        entry.replacementTags(tags(destination.tags()));
      }
      destinations.add(entry.build());
    }
    SendBulkTemplatedEmailRequest.Builder request =
        SendBulkTemplatedEmailRequest.builder()
            .source(bulk.from().formatted())
            .template(bulk.template())
            .defaultTemplateData(
                bulk.defaultTemplateData().isEmpty() ? "{}" : bulk.defaultTemplateData())
            .destinations(destinations);
    if (!bulk.replyTo().isEmpty()) {
      request.replyToAddresses(formatted(bulk.replyTo()));
    }
    if (!bulk.configurationSet().isEmpty()) {
      request.configurationSetName(bulk.configurationSet());
    }
    SendOptions options = bulk.options();
    if (!options.tags().isEmpty()) {
      request.defaultTags(tags(options.tags()));
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
