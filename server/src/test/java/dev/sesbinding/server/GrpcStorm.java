package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What a storm of gRPC calls into a mix of SES faults must end in: each call answered once, a
 * success with the stub's message id or an error with the expected prefix (Dapr's API: {@code error
 * invoking output binding <name>: }; a component: none, daprd adds it) and a code of the error
 * table.
 */
final class GrpcStorm {
  private GrpcStorm() {}

  static <T> void eachAnsweredOnce(
      List<ListenableFuture<T>> answers,
      Function<T, Map<String, String>> metadata,
      String errorPrefix,
      Duration wait)
      throws Exception {
    Map<String, Integer> byCode = new TreeMap<>();
    for (ListenableFuture<T> answer : answers) {
      try {
        assertThat(metadata.apply(answer.get(wait.toMillis(), TimeUnit.MILLISECONDS)))
            .containsEntry("messageId", "ok");
        byCode.merge("OK", 1, Integer::sum);
      } catch (ExecutionException e) {
        Status status = Status.fromThrowable(e.getCause());
        assertThat(status.getDescription()).startsWith(errorPrefix);
        if (errorPrefix.isEmpty()) {
          assertThat(status.getDescription()).doesNotContain("error invoking output binding");
        }
        byCode.merge(status.getCode().name(), 1, Integer::sum);
      }
    }
    assertThat(byCode.values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(answers.size());
    assertThat(byCode.keySet())
        .as("codes: %s", byCode)
        .isSubsetOf(
            Set.of(
                "OK",
                "FAILED_PRECONDITION",
                "RESOURCE_EXHAUSTED",
                "UNAVAILABLE",
                "DEADLINE_EXCEEDED"))
        .contains("OK", "UNAVAILABLE");
  }
}
