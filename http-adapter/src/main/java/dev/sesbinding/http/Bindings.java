package dev.sesbinding.http;

import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.Metadata;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.core.ses.Outbox;
import dev.sesbinding.core.ses.SesBinding;
import dev.sesbinding.core.ses.SesBindingOptions;
import dev.sesbinding.http.components.ComponentDefinition;
import dev.sesbinding.http.components.ComponentException;
import dev.sesbinding.http.components.SecretStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The initialised output bindings by name, and every component the server knows (for {@code /v1.0/metadata}).
 * Closing it closes every binding.
 */
public final class Bindings implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Bindings.class);

  /** A component as {@code /v1.0/metadata} lists it. */
  public record Component(String name, String type, String version) {}

  private final Map<String, OutputBinding> byName;
  private final List<Component> components;

  private Bindings(Map<String, OutputBinding> byName, List<Component> components) {
    this.byName = Map.copyOf(byName);
    this.components = List.copyOf(components);
  }

  /** Bindings that are already initialised (an embedding, or a test with a binding of its own). */
  public static Bindings of(Map<String, OutputBinding> bindings) {
    List<Component> components = new ArrayList<>();
    bindings.keySet().forEach(name -> components.add(new Component(name, SesBinding.TYPE, SesBinding.VERSION)));
    return new Bindings(bindings, components);
  }

  /**
   * Initialises every {@code bindings.aws.ses} component, one after the other; the one blocking step of each init
   * runs on a Vert.x worker thread. Other types are skipped with a warning. The first failure closes what was opened
   * and fails with a {@link ComponentException} naming the component. Each SES call ends (its SDK timeouts fire)
   * just before {@code requestTimeout}, so no send goes on retrying after the caller got its answer.
   */
  public static Future<Bindings> init(Vertx vertx, List<ComponentDefinition> definitions, SecretStores secrets,
      Duration requestTimeout) {
    Executor worker = command -> vertx.executeBlocking(() -> {
      command.run();
      return null;
    }, false);
    // Completion on the SDK's I/O thread is safe here: BindingsHandler moves to the request's event loop at once.
    SesBindingOptions options = sesCallsWithin(requestTimeout, SesBindingOptions.builder().initExecutor(worker)
        .completeOnIoThread(true)).build();
    Map<String, OutputBinding> opened = new LinkedHashMap<>();
    List<Component> components = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (ComponentDefinition definition : definitions) {
      if (SecretStores.isSecretStore(definition)) {
        components.add(new Component(definition.name(), definition.type(), definition.version()));
      } else if (!SesBinding.TYPE.equals(definition.type())) {
        LOG.warn("component {} is skipped: type {} is not served here (only {})", definition.label(),
            definition.type(), SesBinding.TYPE);
      } else {
        chain = chain.compose(done -> {
          ComponentMetadata component;
          try {
            component = new ComponentMetadata(definition.name(), definition.type(), definition.version(),
                Metadata.of(secrets.resolve(definition)));
          } catch (RuntimeException e) {
            return Future.failedFuture(e instanceof ComponentException ? e
                : new ComponentException("component " + definition.label() + ": " + e.getMessage(), e));
          }
          return Future.fromCompletionStage(SesBinding.init(component, options)).map(binding -> {
            opened.put(definition.name(), binding);
            components.add(new Component(definition.name(), definition.type(), definition.version()));
            return null;
          });
        });
      }
    }
    return chain.<Bindings>map(done -> new Bindings(opened, components)).recover(failure -> {
      opened.values().forEach(OutputBinding::close);
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      return Future.failedFuture(cause instanceof ComponentException ? cause
          : new ComponentException(cause.getMessage(), cause));
    });
  }

  /**
   * The SDK's call timeout a little under the request timeout (by a tenth, at most 250 ms), and an attempt timeout
   * that leaves room for every attempt within it (a share of the call), so that one hung attempt is retried, not
   * the whole call lost; the defaults (15 s and 5 s) when the request timeout leaves room for them.
   */
  static SesBindingOptions.Builder sesCallsWithin(Duration requestTimeout, SesBindingOptions.Builder options) {
    SesBindingOptions defaults = options.build();
    Duration margin = min(Duration.ofMillis(250), requestTimeout.dividedBy(10));
    Duration call = min(defaults.apiCallTimeout(), requestTimeout.minus(margin));
    Duration attempt = min(defaults.apiCallAttemptTimeout(), call.dividedBy(defaults.maxAttempts()));
    return options.apiCallTimeout(call).apiCallAttemptTimeout(attempt);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  public Optional<OutputBinding> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The outbox of binding {@code name}, when it has {@code transport: outbox}. */
  public Optional<Outbox> outbox(String name) {
    return get(name).flatMap(binding -> binding instanceof SesBinding ses ? ses.outbox() : Optional.empty());
  }

  public List<Component> components() {
    return components;
  }

  public int size() {
    return byName.size();
  }

  @Override
  public void close() {
    byName.values().forEach(OutputBinding::close);
  }
}
