package dev.sesbinding.serving;

import dev.sesbinding.core.BindingException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a component treats the request metadata {@code idempotencyKey}, from its own metadata: {@code
 * idempotencyRequired} (a call without a key is refused), {@code idempotencyWindow} (how long a key
 * is remembered: 24h by default, at most 7 days), {@code idempotencyOnUnknown} ({@code refuse}, the
 * default: a key whose first send's outcome is unknown is never sent again; {@code resend}: it is,
 * as if no key had been given), {@code idempotencyMaxKeys} (keys remembered at once in memory; more
 * are refused with 429 rather than forgotten), and where keys live: {@code idempotencyStore} {@code
 * memory} (default) or {@code redis}, shared by replicas, at {@code redisHost} ({@code host:port})
 * with {@code redisPassword} (a secret: never shown), and {@code idempotencyWhenStoreDown} {@code
 * refuse} (default: nothing is sent unprotected) or {@code send}.
 */
public record IdempotencySettings(
    boolean required,
    Duration window,
    boolean resendOnUnknown,
    int maxKeys,
    String redisHost,
    String redisPassword,
    boolean sendWhenStoreDown) {

  /** The request metadata key that names a send. */
  public static final String KEY = "idempotencyKey";

  /** The response metadata set on an answer given again for a key that had sent. */
  public static final String REPLAY = "idempotencyReplay";

  static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
  static final Duration MAX_WINDOW = Duration.ofDays(7);
  static final int DEFAULT_MAX_KEYS = 5_000;
  private static final Pattern TIME = Pattern.compile("(\\d{1,7})(s|m|h)");

  public IdempotencySettings {
    if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException("window " + window);
    }
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys " + maxKeys);
    }
    redisHost = redisHost == null ? "" : redisHost;
    redisPassword = redisPassword == null ? "" : redisPassword;
  }

  /** In memory, with these rules. */
  public IdempotencySettings(
      boolean required, Duration window, boolean resendOnUnknown, int maxKeys) {
    this(required, window, resendOnUnknown, maxKeys, "", "", false);
  }

  /** Whether keys live in Redis, shared by replicas, rather than in this process's memory. */
  public boolean inRedis() {
    return !redisHost.isEmpty();
  }

  /** Every setting but the Redis password's value. */
  @Override
  public String toString() {
    return "IdempotencySettings[required="
        + required
        + ", window="
        + window
        + ", resendOnUnknown="
        + resendOnUnknown
        + ", maxKeys="
        + maxKeys
        + ", redisHost="
        + (redisHost.isEmpty() ? "none" : redisHost)
        + ", redisPassword="
        + (redisPassword.isEmpty() ? "none" : "***")
        + ", sendWhenStoreDown="
        + sendWhenStoreDown
        + "]";
  }

  /** The defaults: keys optional, remembered 24 h, an unknown outcome refused, 5,000 keys. */
  public static IdempotencySettings defaults() {
    return new IdempotencySettings(false, DEFAULT_WINDOW, false, DEFAULT_MAX_KEYS);
  }

  /**
   * The settings of a component's metadata; an invalid value fails naming its key.
   *
   * @throws BindingException of kind {@code CALLER}
   */
  public static IdempotencySettings of(Map<String, String> metadata) {
    String store = metadata.getOrDefault("idempotencyStore", "").strip().toLowerCase(Locale.ROOT);
    String redisHost = metadata.getOrDefault("redisHost", "").strip();
    if (!List.of("", "memory", "redis").contains(store)) {
      throw invalid("idempotencyStore", store, "is not memory or redis");
    }
    if (store.equals("redis") && !redisHost.matches("[^\\s:/]+:\\d{1,5}")) {
      throw invalid(
          "redisHost", redisHost, "is not host:port, such as redis:6379 (idempotencyStore: redis)");
    }
    String whenDown =
        metadata.getOrDefault("idempotencyWhenStoreDown", "").strip().toLowerCase(Locale.ROOT);
    if (!List.of("", "refuse", "send").contains(whenDown)) {
      throw invalid("idempotencyWhenStoreDown", whenDown, "is not refuse or send");
    }
    return new IdempotencySettings(
        bool(metadata, "idempotencyRequired"),
        window(metadata.getOrDefault("idempotencyWindow", "").strip()),
        onUnknown(metadata.getOrDefault("idempotencyOnUnknown", "").strip()),
        maxKeys(metadata.getOrDefault("idempotencyMaxKeys", "").strip()),
        store.equals("redis") ? redisHost : "",
        store.equals("redis") ? metadata.getOrDefault("redisPassword", "") : "",
        whenDown.equals("send"));
  }

  private static boolean bool(Map<String, String> metadata, String key) {
    String value = metadata.getOrDefault(key, "").strip().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "", "false" -> false;
      case "true" -> true;
      default -> throw invalid(key, value, "is not true or false");
    };
  }

  private static Duration window(String value) {
    if (value.isEmpty()) {
      return DEFAULT_WINDOW;
    }
    Matcher time = TIME.matcher(value.toLowerCase(Locale.ROOT));
    Duration window =
        !time.matches()
            ? null
            : switch (time.group(2)) {
              case "h" -> Duration.ofHours(Long.parseLong(time.group(1)));
              case "m" -> Duration.ofMinutes(Long.parseLong(time.group(1)));
              default -> Duration.ofSeconds(Long.parseLong(time.group(1)));
            };
    if (window == null || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
      throw invalid(
          "idempotencyWindow", value, "is not a duration from 1s to 168h, such as 24h or 90m");
    }
    return window;
  }

  private static boolean onUnknown(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "", "refuse" -> false;
      case "resend" -> true;
      default -> throw invalid("idempotencyOnUnknown", value, "is not refuse or resend");
    };
  }

  private static int maxKeys(String value) {
    if (value.isEmpty()) {
      return DEFAULT_MAX_KEYS;
    }
    if (!value.matches("\\d{1,8}")
        || Integer.parseInt(value) < 1
        || Integer.parseInt(value) > 10_000_000) {
      throw invalid("idempotencyMaxKeys", value, "is not a count from 1 to 10000000");
    }
    return Integer.parseInt(value);
  }

  private static BindingException invalid(String key, String value, String why) {
    return new BindingException(
        BindingException.Kind.INIT,
        "SES binding error: metadata key " + key + " \"" + value + "\" " + why);
  }
}
