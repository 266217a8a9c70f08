package dev.sesbinding.server;

import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.serving.IdempotencySettings;
import dev.sesbinding.serving.IdempotencyStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A component's idempotency keys in Redis, shared by every replica that names the same Redis and
 * component: a key is claimed atomically with {@code SET NX PX <window>}, its outcome written back
 * over it ({@code XX KEEPTTL}), released with a compare-and-delete, and waited for by polling every
 * 100 ms until the waiting call gives up. Redis forgets each key at the end of its window. It owns
 * its client and the one event loop the client runs on.
 */
final class RedisIdempotencyStore implements IdempotencyStore {
  private static final long POLL_MILLIS = 100;
  private static final String RELEASE =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end"
          + " return 0";

  private final Vertx vertx;
  private final Redis client;
  private final RedisAPI redis;
  private final String prefix;
  private final long windowMillis;

  private RedisIdempotencyStore(
      Vertx vertx, Redis client, String component, IdempotencySettings settings) {
    this.vertx = vertx;
    this.client = client;
    this.redis = RedisAPI.api(client);
    this.prefix = "ses-binding:idempotency:" + component + ":";
    this.windowMillis = settings.window().toMillis();
  }

  /** The store of component {@code component} at {@code settings}' Redis. */
  static RedisIdempotencyStore open(String component, IdempotencySettings settings) {
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
    RedisOptions options =
        new RedisOptions()
            .setConnectionString("redis://" + settings.redisHost())
            .setMaxPoolSize(8)
            .setMaxPoolWaiting(1024)
            .setMaxWaitingHandlers(4096);
    if (!settings.redisPassword().isEmpty()) {
      options.setPassword(settings.redisPassword());
    }
    options.getNetClientOptions().setConnectTimeout(2000);
    return new RedisIdempotencyStore(
        vertx, Redis.createClient(vertx, options), component, settings);
  }

  @Override
  public CompletionStage<Claim> claim(String key, String digest, boolean replaceUnknown) {
    String token = UUID.randomUUID().toString();
    String mine = new JsonObject().put("s", "inflight").put("d", digest).put("t", token).encode();
    return setIfAbsent(key, mine)
        .compose(
            set -> {
              if (set != null) {
                return Future.succeededFuture(claim(key, State.MINE, digest, mine));
              }
              return redis
                  .get(prefix + key)
                  .compose(value -> existing(key, digest, replaceUnknown, mine, value));
            })
        .toCompletionStage();
  }

  /** {@code SET key value NX PX <window>}: answers null when the key exists. */
  private Future<Response> setIfAbsent(String key, String value) {
    return redis.set(List.of(prefix + key, value, "NX", "PX", Long.toString(windowMillis)));
  }

  private Future<Claim> existing(
      String key, String digest, boolean replaceUnknown, String mine, Response value) {
    if (value == null) { // forgotten between the two commands: claim again
      return setIfAbsent(key, mine)
          .map(set -> set != null ? claim(key, State.MINE, digest, mine) : inFlight(key, digest));
    }
    JsonObject stored = new JsonObject(value.toString());
    State state =
        switch (stored.getString("s", "")) {
          case "sent" -> State.SENT;
          case "unknown" -> State.UNKNOWN;
          default -> State.IN_FLIGHT;
        };
    String first = stored.getString("d", "");
    if (state == State.UNKNOWN && replaceUnknown && first.equals(digest)) {
      return redis
          .set(List.of(prefix + key, mine, "XX", "PX", Long.toString(windowMillis)))
          .map(set -> claim(key, State.MINE, digest, mine));
    }
    return Future.succeededFuture(claim(key, state, first, value.toString()));
  }

  private Claim inFlight(String key, String digest) {
    return claim(key, State.IN_FLIGHT, digest, "");
  }

  private Claim claim(String key, State state, String digest, String value) {
    return new RedisClaim(key, state, digest, value);
  }

  @Override
  public CompletionStage<Void> sent(Claim mine, InvokeResponse response) {
    RedisClaim claim = (RedisClaim) mine;
    Map<String, Object> metadata = new HashMap<>(response.metadata());
    String sent =
        new JsonObject()
            .put("s", "sent")
            .put("d", claim.digest)
            .put("data", Base64.getEncoder().encodeToString(response.data()))
            .put("metadata", new JsonObject(metadata))
            .encode();
    return redis
        .set(List.of(prefix + claim.key, sent, "XX", "KEEPTTL"))
        .<Void>mapEmpty()
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Void> released(Claim mine, Throwable failure) {
    RedisClaim claim = (RedisClaim) mine;
    return redis
        .eval(List.of(RELEASE, "1", prefix + claim.key, claim.value))
        .<Void>mapEmpty()
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Void> unknown(Claim mine, Throwable failure) {
    RedisClaim claim = (RedisClaim) mine;
    String unknown = new JsonObject().put("s", "unknown").put("d", claim.digest).encode();
    return redis
        .set(List.of(prefix + claim.key, unknown, "XX", "KEEPTTL"))
        .<Void>mapEmpty()
        .toCompletionStage();
  }

  private static InvokeResponse response(JsonObject stored) {
    Map<String, String> metadata = new HashMap<>();
    stored
        .getJsonObject("metadata", new JsonObject())
        .forEach(entry -> metadata.put(entry.getKey(), String.valueOf(entry.getValue())));
    return new InvokeResponse(Base64.getDecoder().decode(stored.getString("data", "")), metadata);
  }

  @Override
  public void close() {
    client.close();
    vertx.close();
  }

  /** One call's view of a key in Redis: its state, its first email's digest, the value read. */
  private final class RedisClaim implements Claim {
    private final String key;
    private final State state;
    private final String digest;
    private final String value;

    RedisClaim(String key, State state, String digest, String value) {
      this.key = key;
      this.state = state;
      this.digest = digest;
      this.value = value;
    }

    @Override
    public State state() {
      return state;
    }

    @Override
    public String digest() {
      return digest;
    }

    @Override
    public void answerInto(CompletableFuture<InvokeResponse> into) {
      if (state == State.SENT) {
        into.complete(response(new JsonObject(value)));
        return;
      }
      poll(into);
    }

    private void poll(CompletableFuture<InvokeResponse> into) {
      if (into.isDone()) {
        return; // the waiting call gave up
      }
      redis
          .get(prefix + key)
          .onComplete(
              (value, failure) -> {
                if (failure != null) {
                  into.completeExceptionally(failure);
                  return;
                }
                if (value == null) {
                  into.completeExceptionally(new Released());
                  return;
                }
                JsonObject stored = new JsonObject(value.toString());
                switch (stored.getString("s", "")) {
                  case "sent" -> into.complete(response(stored));
                  case "unknown" -> into.completeExceptionally(new Unknown());
                  default -> vertx.setTimer(POLL_MILLIS, timer -> poll(into));
                }
              });
    }
  }
}
