package dev.sesbinding.auth;

import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * When cached role credentials are refreshed (prefetch: a background refresh starts; stale: callers
 * would have to wait), and a hook on each STS client. Production uses {@link #DEFAULT} (the SDK's 5
 * min and 1 min); tests shorten the times and watch the clients.
 */
record StsTuning(
    Duration prefetchTime, Duration staleTime, Consumer<StsClientBuilder> clientCustomizer) {
  static final StsTuning DEFAULT =
      new StsTuning(Duration.ofMinutes(5), Duration.ofMinutes(1), builder -> {});
}
