package dev.sesbinding.server;

import dev.sesbinding.components.ComponentDefinition;
import dev.sesbinding.components.ComponentException;
import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.core.ComponentInfo;
import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.Metadata;
import dev.sesbinding.core.RegisteredBinding;
import dev.sesbinding.server.components.SecretStores;
import dev.sesbinding.serving.metrics.BindingMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the loaded component definitions into a registry of initialised bindings. */
final class ComponentBindings {
  private static final Logger LOG = LoggerFactory.getLogger(ComponentBindings.class);

  private ComponentBindings() {}

  /**
   * Initialises every component whose type {@code types} serves, one after the other; the blocking
   * step of each init runs on a Vert.x worker thread. Secret stores are listed; other types are
   * skipped with a warning. The first failure closes what was opened and fails with a {@link
   * ComponentException} naming the component. Each init, and each failure, is counted in {@code
   * observed}'s metrics, which with its traces is told of the bindings' SES attempts.
   */
  static Future<BindingRegistry> init(
      Vertx vertx,
      List<ComponentDefinition> definitions,
      SecretStores secrets,
      Map<String, BindingFactory> types,
      Duration deadline,
      Observability observed) {
    BindingMetrics metrics = observed.metrics();
    Executor worker =
        command ->
            vertx.executeBlocking(
                () -> {
                  command.run();
                  return null;
                },
                false);
    List<RegisteredBinding> opened = new ArrayList<>();
    List<ComponentInfo> others = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (ComponentDefinition definition : definitions) {
      BindingFactory factory = types.get(definition.type());
      if (SecretStores.isSecretStore(definition)) {
        others.add(new ComponentInfo(definition.name(), definition.type(), definition.version()));
      } else if (factory == null) {
        LOG.warn(
            "component {} is skipped: type {} is not served here (only {})",
            definition.label(),
            definition.type(),
            String.join(", ", types.keySet()));
      } else {
        chain =
            chain.compose(
                done -> {
                  ComponentMetadata component;
                  try {
                    component =
                        new ComponentMetadata(
                            definition.name(),
                            definition.type(),
                            definition.version(),
                            Metadata.of(secrets.resolve(definition)));
                  } catch (RuntimeException e) {
                    return Future.failedFuture(
                        e instanceof ComponentException
                            ? e
                            : new ComponentException(
                                "component " + definition.label() + ": " + e.getMessage(), e));
                  }
                  return Future.fromCompletionStage(
                          factory.create(component, worker, deadline, observed.events()))
                      .onFailure(
                          failure -> metrics.initFailed(definition.type(), definition.name()))
                      .map(
                          binding -> {
                            metrics.initialised(definition.type());
                            opened.add(binding);
                            return null;
                          });
                });
      }
    }
    return chain
        .map(done -> BindingRegistry.of(opened, others))
        .recover(
            failure ->
                vertx
                    .executeBlocking(
                        () -> {
                          BindingRegistry.of(opened, List.of())
                              .close(); // what was opened before the failure
                          return null;
                        },
                        false)
                    .transform(closed -> Future.failedFuture(componentError(failure))));
  }

  private static ComponentException componentError(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    return cause instanceof ComponentException component
        ? component
        : new ComponentException(cause.getMessage(), cause);
  }
}
