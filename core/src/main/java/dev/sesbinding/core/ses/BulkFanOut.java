package dev.sesbinding.core.ses;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.ServiceError;
import dev.sesbinding.core.email.BulkEmail;
import dev.sesbinding.core.email.BulkStatus;
import dev.sesbinding.core.email.Email;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A bulk send as one send per destination, for a transport without bulk of its own: each failure
 * becomes that destination's status (SES's error code where SES answered, else the failure's kind),
 * so one destination's failure never hides another's message id.
 */
final class BulkFanOut {
  private BulkFanOut() {}

  @SuppressWarnings("FutureReturnValueIgnored") // the callback only cancels; answer is returned
  static CompletableFuture<List<BulkStatus>> send(EmailTransport transport, BulkEmail bulk) {
    List<CompletableFuture<String>> underway = new ArrayList<>();
    List<CompletableFuture<BulkStatus>> sends = new ArrayList<>();
    for (Email email : bulk.asEmails()) {
      CompletableFuture<String> sent;
      try {
        sent = transport.send(email).toCompletableFuture();
      } catch (RuntimeException e) {
        sent = CompletableFuture.failedFuture(e);
      }
      underway.add(sent);
      sends.add(sent.handle(BulkFanOut::status));
    }
    CompletableFuture<List<BulkStatus>> answer =
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
            .thenApply(done -> sends.stream().map(CompletableFuture::join).toList());
    // Completed from outside first (a caller's deadline): what is not yet sent is not sent.
    answer.whenComplete((statuses, failure) -> underway.forEach(send -> send.cancel(false)));
    return answer;
  }

  private static BulkStatus status(String messageId, Throwable failure) {
    if (failure == null) {
      return BulkStatus.sent(messageId);
    }
    BindingException error = SesErrors.toBindingException(failure);
    String status = error.serviceError().map(ServiceError::code).orElse(error.kind().name());
    return new BulkStatus(status, "", error.getMessage());
  }
}
