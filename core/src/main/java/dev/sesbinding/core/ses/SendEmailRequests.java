package dev.sesbinding.core.ses;

import dev.sesbinding.core.email.BulkDestination;
import dev.sesbinding.core.email.BulkEmail;
import dev.sesbinding.core.email.ContentType;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.Mailbox;
import dev.sesbinding.core.email.SendOptions;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
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
    ifAny(email.replyTo(), request::replyToAddresses);
    ifSet(email.configurationSet(), request::configurationSetName);
    SendOptions options = email.options();
    ifTagged(options.tags(), request::tags);
    ifSet(options.returnPath(), request::returnPath);
    ifSet(options.returnPathArn(), request::returnPathArn);
    ifSet(options.sourceArn(), request::sourceArn);
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
    ifSet(email.configurationSet(), request::configurationSetName);
    // The return path itself is the message's Return-Path header.
    SendOptions options = email.options();
    ifTagged(options.tags(), request::tags);
    ifSet(options.returnPathArn(), request::returnPathArn);
    ifSet(options.sourceArn(), request::sourceArn);
    ifSet(options.fromArn(), request::fromArn);
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
    ifAny(email.replyTo(), request::replyToAddresses);
    ifSet(email.configurationSet(), request::configurationSetName);
    SendOptions options = email.options();
    ifTagged(options.tags(), request::tags);
    ifSet(options.returnPath(), request::returnPath);
    ifSet(options.returnPathArn(), request::returnPathArn);
    ifSet(options.sourceArn(), request::sourceArn);
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
      BulkEmailDestination.Builder entry =
          BulkEmailDestination.builder()
              .destination(destination(destination.to(), destination.cc(), destination.bcc()));
      ifSet(destination.templateData(), entry::replacementTemplateData);
      ifTagged(destination.tags(), entry::replacementTags);
      destinations.add(entry.build());
    }
    SendBulkTemplatedEmailRequest.Builder request =
        SendBulkTemplatedEmailRequest.builder()
            .source(bulk.from().formatted())
            .template(bulk.template())
            .defaultTemplateData(
                bulk.defaultTemplateData().isEmpty() ? "{}" : bulk.defaultTemplateData())
            .destinations(destinations);
    ifAny(bulk.replyTo(), request::replyToAddresses);
    ifSet(bulk.configurationSet(), request::configurationSetName);
    SendOptions options = bulk.options();
    ifTagged(options.tags(), request::defaultTags);
    ifSet(options.returnPath(), request::returnPath);
    ifSet(options.returnPathArn(), request::returnPathArn);
    ifSet(options.sourceArn(), request::sourceArn);
    return request.build();
  }

  private static Destination destination(Email email) {
    return destination(email.to(), email.cc(), email.bcc());
  }

  private static Destination destination(List<Mailbox> to, List<Mailbox> cc, List<Mailbox> bcc) {
    Destination.Builder destination = Destination.builder().toAddresses(formatted(to));
    ifAny(cc, destination::ccAddresses);
    ifAny(bcc, destination::bccAddresses);
    return destination.build();
  }

  /** Sets {@code value} through {@code setter} unless it is empty (SES's "not given"). */
  private static void ifSet(String value, Consumer<String> setter) {
    if (!value.isEmpty()) {
      setter.accept(value);
    }
  }

  /** Sets the addresses, formatted, unless there are none. */
  private static void ifAny(List<Mailbox> mailboxes, Consumer<List<String>> setter) {
    if (!mailboxes.isEmpty()) {
      setter.accept(formatted(mailboxes));
    }
  }

  /** Sets the tags as SES's, unless there are none. */
  private static void ifTagged(
      List<dev.sesbinding.core.email.MessageTag> ours, Consumer<List<MessageTag>> setter) {
    if (!ours.isEmpty()) {
      setter.accept(tags(ours));
    }
  }

  private static List<String> formatted(List<Mailbox> mailboxes) {
    String[] addresses = new String[mailboxes.size()];
    for (int i = 0; i < addresses.length; i++) {
      addresses[i] = mailboxes.get(i).formatted();
    }
    return Arrays.asList(addresses);
  }
}
