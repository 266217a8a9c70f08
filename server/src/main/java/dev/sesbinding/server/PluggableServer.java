package dev.sesbinding.server;

import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.RegisteredBinding;
import dev.sesbinding.core.internal.DaemonThreads;
import dev.sesbinding.core.ses.SesBinding;
import dev.sesbinding.grpc.ComponentInstances;
import dev.sesbinding.grpc.PluggableComponent;
import dev.sesbinding.serving.Capacity;
import dev.sesbinding.serving.InvocationPipeline;
import dev.sesbinding.serving.metrics.BindingMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server as a Dapr pluggable component ({@code --pluggable NAME}): each component instance
 * daprd initialises on the socket is a {@code bindings.aws.ses} binding made from the metadata
 * daprd resolved, as a component file's would be. No HTTP or gRPC app API and no resources path
 * here: daprd serves the app and reads the components. Its own {@code GET /metrics} (daprd's cover
 * daprd's side of each call).
 */
public final class PluggableServer {
  private static final Logger LOG = LoggerFactory.getLogger(PluggableServer.class);

  /** Init's blocking steps (reading credentials files, STS) run on a thread of their own each. */
  private static final Executor INIT_THREADS = DaemonThreads.perTask("ses-binding-init");

  private final PluggableComponent component;
  private final MetricsServer metrics;
  private final Observability observed;
  private final Vertx loops;

  private PluggableServer(
      PluggableComponent component, MetricsServer metrics, Observability observed, Vertx loops) {
    this.component = component;
    this.metrics = metrics;
    this.observed = observed;
    this.loops = loops;
  }

  /** Serves on {@code options.socket()}; fails with a message saying why it cannot. */
  public static PluggableServer start(ServerOptions options) throws IOException {
    // one set of event loops, one per core, for the socket's gRPC server and (--ses-client vertx)
    // SES's calls
    Vertx loops =
        Vertx.vertx(
            new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
    BindingFactory ses =
        (options.sesClient() == SesClientKind.VERTX
                ? BindingTypes.served(new VertxSesHttpClient(loops))
                : BindingTypes.SERVED)
            .get(SesBinding.TYPE);
    Observability observed = options.observability();
    BindingMetrics metrics = observed.metrics();
    ComponentInstances instances =
        (name, properties) -> {
          ComponentMetadata component =
              ComponentMetadata.of(name, SesBinding.TYPE, SesBinding.VERSION, properties);
          return ses.create(component, INIT_THREADS, options.requestTimeout(), observed.events())
              .whenComplete(
                  (binding, failure) -> {
                    if (failure == null) {
                      metrics.initialised(SesBinding.TYPE);
                    } else {
                      metrics.initFailed(SesBinding.TYPE, name);
                    }
                  })
              .thenApply(RegisteredBinding::binding);
        };
    if (options.rememberedInstances().isPresent()) {
      RememberedInstances remembered =
          RememberedInstances.open(options.rememberedInstances().get(), options.pluggable());
      LOG.info(
          "remembering instances in {} ({} remembered)",
          options.rememberedInstances().get(),
          remembered.all().size());
      instances = remembered.around(instances, INIT_THREADS);
    }
    // Outboxes come with daprd's Init, after this: the budget leaves them the heap it leaves the
    // server, as resources paths without an outbox would.
    ResourceLimits limits =
        ResourceLimits.settle(
            options, 0, Runtime.getRuntime().maxMemory(), ResourceLimits.maxFileDescriptors());
    LOG.info("memory budget: {}", limits.description());
    Capacity capacity = Capacity.of(options.limits(limits));
    metrics.watch(capacity);
    MetricsServer served = MetricsServer.startIfEnabled(options, metrics);
    PluggableComponent component;
    try {
      component =
          PluggableComponent.start(
              options.socket(),
              options.socketMode(),
              instances,
              InvocationPipeline.builder()
                  .limits(options.limits(limits))
                  .capacity(capacity)
                  .listener(observed.listener())
                  .tracer(observed.tracer()),
              VertxEventLoops.of(loops));
    } catch (IOException | RuntimeException e) {
      if (served != null) {
        served.close();
      }
      observed.close();
      loops.close();
      throw e;
    }
    LOG.info(
        "ses-binding ready as Dapr pluggable component bindings.{} on unix://{} (components of that"
            + " type, version v1, are served here)",
        options.pluggable(),
        component.socket());
    return new PluggableServer(component, served, observed, loops);
  }

  /** The component on its socket. */
  public PluggableComponent component() {
    return component;
  }

  /** The port of {@code GET /metrics}, when metrics are on. */
  public OptionalInt metricsPort() {
    return metrics == null ? OptionalInt.empty() : OptionalInt.of(metrics.port());
  }

  /**
   * Stops the component as {@link PluggableComponent#stop()} does, then the metrics server, then
   * the event loops (which closes SES's client on them).
   */
  public CompletionStage<Void> stop() {
    return component
        .stop()
        .whenComplete(
            (stopped, failure) -> {
              if (metrics != null) {
                metrics.close();
              }
              observed.close();
              loops.close();
            });
  }

  /** Waits until the component has stopped. */
  public void awaitTermination() throws InterruptedException {
    component.awaitTermination();
  }
}
