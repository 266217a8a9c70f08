package dev.sesbinding.core.ses;

import dev.sesbinding.core.email.BulkStatus;
import java.util.ArrayList;
import java.util.List;

/** What an SES success answer means, whichever transport read it: a message id or statuses. */
final class SesAnswers {
  /** One destination's status as SES wrote it; any part may be missing ({@code null}). */
  record Answered(String status, String messageId, String error) {}

  private SesAnswers() {}

  /** SES's message id; a success without one may or may not have sent the email. */
  static String messageId(String messageId) {
    if (messageId == null || messageId.isBlank()) {
      throw SesErrors.missingMessageId();
    }
    return messageId;
  }

  /**
   * One status per destination, in order. A destination with no status in the answer is a failure,
   * never a guess; a status without SES's {@code Status} (moto) but with a message id is a success;
   * a success without a message id is a failure.
   *
   * @param answered SES's statuses, in order
   */
  static List<BulkStatus> statuses(int destinations, List<Answered> answered) {
    List<BulkStatus> statuses = new ArrayList<>(destinations);
    for (int i = 0; i < destinations; i++) {
      statuses.add(
          i < answered.size()
              ? status(answered.get(i))
              : new BulkStatus("Failed", "", "SES answered with no status for it"));
    }
    return statuses;
  }

  private static BulkStatus status(Answered answered) {
    String id = answered.messageId() == null ? "" : answered.messageId();
    String error = answered.error();
    String status = answered.status();
    if ((status == null || status.isEmpty()) && !id.isBlank()) {
      status = BulkStatus.SUCCESS;
    }
    if (BulkStatus.SUCCESS.equals(status) && id.isBlank()) {
      return new BulkStatus("Failed", "", "SES answered Success without a message id");
    }
    return new BulkStatus(
        status == null || status.isEmpty() ? "Failed" : status,
        BulkStatus.SUCCESS.equals(status) ? id : "",
        error == null ? "" : error);
  }
}
