package dev.sesbinding.server;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.ComponentInfo;
import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.RegisteredBinding;
import dev.sesbinding.core.SesEvents;
import dev.sesbinding.core.ses.SesBinding;
import dev.sesbinding.core.ses.SesBindingOptions;
import dev.sesbinding.core.ses.SesHttpClient;
import dev.sesbinding.serving.IdempotencySettings;
import dev.sesbinding.serving.IdempotentBinding;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The one map from a component type to the factory of its bindings: the types this server serves.
 */
final class BindingTypes {
  static final Map<String, BindingFactory> SERVED = served(null);

  private BindingTypes() {}

  /** The types served, their SES calls over {@code sesHttp} (null: the AWS SDK's client). */
  static Map<String, BindingFactory> served(SesHttpClient sesHttp) {
    return Map.of(
        SesBinding.TYPE,
        (component, blocking, deadline, events) ->
            ses(component, blocking, deadline, events, sesHttp));
  }

  private static CompletionStage<RegisteredBinding> ses(
      ComponentMetadata component,
      Executor blocking,
      Duration deadline,
      SesEvents events,
      SesHttpClient sesHttp) {
    SesBindingOptions.Builder builder =
        SesBindingOptions.builder()
            .initExecutor(blocking)
            .deadline(deadline)
            // Safe here: every adapter hands an answer to its own thread at once, so callbacks
            // never block SES's I/O.
            .completionExecutor(Runnable::run)
            .events(events);
    if (sesHttp != null) {
      builder.sesHttpClient(sesHttp);
    }
    SesBindingOptions options = builder.build();
    IdempotencySettings idempotency;
    try {
      idempotency = IdempotencySettings.of(component.properties().asMap());
    } catch (BindingException e) {
      return CompletableFuture.failedFuture(e);
    }
    return SesBinding.init(component, options)
        .thenApply(
            binding -> {
              ComponentInfo info =
                  new ComponentInfo(component.name(), component.type(), component.version());
              IdempotentBinding idempotent =
                  idempotency.inRedis()
                      ? IdempotentBinding.of(
                          component.name(),
                          binding,
                          idempotency,
                          RedisIdempotencyStore.open(component.name(), idempotency))
                      : IdempotentBinding.of(component.name(), binding, idempotency);
              return binding
                  .outbox()
                  .map(outbox -> RegisteredBinding.of(info, idempotent, outbox))
                  .orElseGet(() -> RegisteredBinding.of(info, idempotent));
            });
  }
}
