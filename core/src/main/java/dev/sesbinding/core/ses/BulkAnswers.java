package dev.sesbinding.core.ses;

import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.email.BulkStatus;
import dev.sesbinding.core.internal.JsonStrings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The answer to a bulk send that reached at least one destination: {@code {"destinations":[...]}}
 * with each destination's {@code status} and {@code messageId} or {@code error}, in the order sent;
 * metadata {@code sent} and {@code failed}, the counts. A bulk send that reached none fails instead
 * ({@link SesErrors#noDestinationSent}).
 */
final class BulkAnswers {
  private BulkAnswers() {}

  static InvokeResponse of(List<BulkStatus> statuses) {
    StringBuilder json = new StringBuilder("{\"destinations\":[");
    int sent = 0;
    for (int i = 0; i < statuses.size(); i++) {
      BulkStatus status = statuses.get(i);
      json.append(i == 0 ? "{" : ",{")
          .append("\"status\":")
          .append(JsonStrings.quote(status.status()));
      if (status.isSent()) {
        sent++;
        json.append(",\"messageId\":").append(JsonStrings.quote(status.messageId()));
      } else {
        json.append(",\"error\":").append(JsonStrings.quote(status.error()));
      }
      json.append('}');
    }
    json.append("]}");
    return new InvokeResponse(
        json.toString().getBytes(StandardCharsets.UTF_8),
        Map.of("sent", Integer.toString(sent), "failed", Integer.toString(statuses.size() - sent)));
  }
}
