package dev.sesbinding.testing;

import java.time.Duration;
import java.util.List;

/**
 * What {@link FaultySes} does with one request: answer (after a delay), reset the connection
 * halfway through the answer, or never answer.
 */
public record SesReply(Action action, int status, String body, Duration delay) {

  /** How the stub ends one exchange. */
  public enum Action {
    ANSWER,
    RESET_MID_RESPONSE,
    NEVER_ANSWER
  }

  /**
   * Every kind of answer, for storms of concurrent requests: success (message id {@code ok}), slow
   * success, throttling, 503, a reset mid-response, a 200 that is not XML, a rejection, no answer.
   */
  public static List<SesReply> everyKind() {
    return List.of(
        success("ok"),
        success("ok").after(Duration.ofMillis(50)),
        error(400, "Throttling", "Maximum sending rate exceeded."),
        error(503, "ServiceUnavailable", "Service unavailable."),
        resetMidResponse(),
        answer(200, "not xml"),
        error(400, "MessageRejected", "Email address is not verified."),
        neverAnswer());
  }

  /** A valid SendEmail answer with this message id. */
  public static SesReply success(String messageId) {
    return answer(
        200,
        "<SendEmailResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\"><SendEmailResult>"
            + "<MessageId>"
            + messageId
            + "</MessageId></SendEmailResult><ResponseMetadata><RequestId>stub-request"
            + "</RequestId></ResponseMetadata></SendEmailResponse>");
  }

  /** An SES error document of this status, code and message. */
  public static SesReply error(int status, String code, String message) {
    return answer(
        status,
        "<ErrorResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\"><Error><Type>Sender"
            + "</Type><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error><RequestId>stub-request"
            + "</RequestId></ErrorResponse>");
  }

  /** Any status and body, such as a 200 whose body is not a SendEmail answer. */
  public static SesReply answer(int status, String body) {
    return new SesReply(Action.ANSWER, status, body, Duration.ZERO);
  }

  /**
   * Sends the status line, the headers and half of a success body, then resets the connection (TCP
   * RST).
   */
  public static SesReply resetMidResponse() {
    SesReply success = success("never-complete");
    return new SesReply(Action.RESET_MID_RESPONSE, success.status, success.body, Duration.ZERO);
  }

  /** Reads the request and never answers; the connection stays open until the client gives up. */
  public static SesReply neverAnswer() {
    return new SesReply(Action.NEVER_ANSWER, 0, "", Duration.ZERO);
  }

  /** The same reply, sent after {@code delay}. */
  public SesReply after(Duration delay) {
    return new SesReply(action, status, body, delay);
  }
}
