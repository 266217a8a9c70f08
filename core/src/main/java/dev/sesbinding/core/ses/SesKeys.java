package dev.sesbinding.core.ses;

/**
 * The metadata keys of the SES binding that a component and a request may both set (they match
 * case-insensitively).
 */
final class SesKeys {
  static final String EMAIL_FROM = "emailFrom";
  static final String EMAIL_TO = "emailTo";
  static final String EMAIL_CC = "emailCc";
  static final String EMAIL_BCC = "emailBcc";
  static final String EMAIL_REPLY_TO = "emailReplyTo";
  static final String SUBJECT = "subject";
  static final String CONTENT_TYPE = "contentType";
  static final String CONFIGURATION_SET = "configurationSet";
  static final String TEMPLATE = "template";
  static final String TAGS = "tags";
  static final String RETURN_PATH = "returnPath";
  static final String RETURN_PATH_ARN = "returnPathArn";
  static final String SOURCE_ARN = "sourceArn";
  static final String FROM_ARN = "fromArn";
  static final String LIST_UNSUBSCRIBE = "listUnsubscribe";
  static final String LIST_UNSUBSCRIBE_ONE_CLICK = "listUnsubscribeOneClick";

  /** Component-only keys of ours. */
  static final String TRANSPORT = "transport";

  static final String OUTBOX_CAPACITY = "outboxCapacity";
  static final String OUTBOX_MAX_BYTES = "outboxMaxBytes";
  static final String MAX_SEND_RATE = "maxSendRate";
  static final String SEND_RATE_REPLICAS = "sendRateReplicas";

  static final String[] MESSAGE_KEYS = {
    EMAIL_FROM,
    EMAIL_TO,
    EMAIL_CC,
    EMAIL_BCC,
    EMAIL_REPLY_TO,
    SUBJECT,
    CONTENT_TYPE,
    CONFIGURATION_SET,
    TEMPLATE,
    TAGS,
    RETURN_PATH,
    RETURN_PATH_ARN,
    SOURCE_ARN,
    FROM_ARN,
    LIST_UNSUBSCRIBE,
    LIST_UNSUBSCRIBE_ONE_CLICK
  };

  /** The keys of {@link dev.sesbinding.core.email.SendOptions}. */
  static final java.util.List<String> OPTION_KEYS =
      java.util.List.of(
          TAGS,
          RETURN_PATH,
          RETURN_PATH_ARN,
          SOURCE_ARN,
          FROM_ARN,
          LIST_UNSUBSCRIBE,
          LIST_UNSUBSCRIBE_ONE_CLICK);

  /** Every key of ours, for spotting typos. */
  static final java.util.List<String> ALL =
      java.util.stream.Stream.concat(
              java.util.Arrays.stream(MESSAGE_KEYS),
              java.util.stream.Stream.of(
                  TRANSPORT, OUTBOX_CAPACITY, OUTBOX_MAX_BYTES, MAX_SEND_RATE, SEND_RATE_REPLICAS))
          .toList();

  private SesKeys() {}
}
