package dev.sesbinding.server;

import static dev.sesbinding.server.TestServer.VALID_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.testing.FaultySes;
import dev.sesbinding.testing.SesReply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP twin of {@link GrpcStorm}: requests sent at once into a stub that mixes every SES fault
 * must each end in one answer, a success with the stub's message id or an error in Dapr's shape
 * with a status of the error table.
 */
final class HttpStorm {
  private HttpStorm() {}

  /**
   * Scripts {@code ses} with three random faults per request ({@code seed}), sends {@code requests}
   * to {@code binding} at once, and checks every answer; returns the count by status.
   */
  static Map<Integer, Integer> eachAnsweredOnce(
      TestServer server, FaultySes ses, String binding, int requests, long seed, Duration wait) {
    Random random = new Random(seed);
    List<SesReply> menu = SesReply.everyKind();
    for (int i = 0; i < requests * 3; i++) {
      ses.next(menu.get(random.nextInt(menu.size())));
    }
    List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      answers.add(server.sendAsync(HttpMethod.POST, "/v1.0/bindings/" + binding, VALID_REQUEST));
    }
    Map<Integer, Integer> byStatus = new TreeMap<>();
    for (Future<HttpResponse<Buffer>> answer : answers) {
      HttpResponse<Buffer> response;
      try {
        response = answer.await(wait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        throw new AssertionError("a request got no answer within " + wait, e);
      }
      byStatus.merge(response.statusCode(), 1, Integer::sum);
      if (response.statusCode() == 200) {
        assertThat(response.bodyAsJsonObject().getString("messageId")).isEqualTo("ok");
      } else {
        assertThat(response.bodyAsJsonObject().fieldNames())
            .containsExactlyInAnyOrder("errorCode", "message");
      }
    }
    assertThat(byStatus.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(requests);
    assertThat(byStatus.keySet()).isSubsetOf(Set.of(200, 422, 429, 502, 504)).contains(200, 502);
    return byStatus;
  }
}
