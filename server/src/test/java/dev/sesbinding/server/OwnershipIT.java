package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.ComponentInfo;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.core.RegisteredBinding;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whoever opens closes: a server started on the caller's {@code Vertx} undeploys what it deployed
 * and closes each of its bindings exactly once, and leaves that {@code Vertx} open for its owner,
 * after a stop and after a failed start.
 */
class OwnershipIT {
  private static final String TYPE = "bindings.test.counting";
  private final Map<String, AtomicInteger> closes = new ConcurrentHashMap<>();
  private final Vertx vertx = Vertx.vertx();

  /**
   * Bindings of {@link #TYPE} that count their closes; a component named {@code broken} fails to
   * initialise.
   */
  private final Map<String, BindingFactory> types =
      Map.of(
          TYPE,
          (component, blocking, deadline, events) -> {
            if (component.name().equals("broken")) {
              return CompletableFuture.failedFuture(
                  new BindingException(
                      BindingException.Kind.CALLER, "init component broken: it cannot start"));
            }
            AtomicInteger count =
                closes.computeIfAbsent(component.name(), name -> new AtomicInteger());
            return CompletableFuture.completedFuture(
                RegisteredBinding.of(
                    new ComponentInfo(component.name(), component.type(), component.version()),
                    new CountingBinding(count)));
          });

  private record CountingBinding(AtomicInteger closes) implements OutputBinding {
    @Override
    public Set<String> operations() {
      return Set.of("create");
    }

    @Override
    public CompletionStage<InvokeResponse> invoke(InvokeRequest request) {
      return CompletableFuture.completedFuture(new InvokeResponse(null, null));
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private static ServerOptions components(Path folder, String... names) throws Exception {
    for (String name : names) {
      Files.writeString(
          folder.resolve(name + ".yaml"),
          "apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n"
              + "  name: "
              + name
              + "\nspec:\n  type: "
              + TYPE
              + "\n  version: v1\n");
    }
    return ServerOptions.embedded(List.of(folder), Map.of());
  }

  /** Deploying succeeds only on a Vertx that is still open. */
  private void assertVertxIsOpen() throws Exception {
    String deployment = vertx.deployVerticle(new VerticleBase() {}).await(10, TimeUnit.SECONDS);
    vertx.undeploy(deployment).await(10, TimeUnit.SECONDS);
  }

  @Test
  void stopUndeploysClosesEveryBindingOnceAndLeavesTheCallersVertxOpen(@TempDir Path folder)
      throws Exception {
    BindingsServer server =
        BindingsServer.start(vertx, components(folder, "mail", "alerts"), types)
            .await(60, TimeUnit.SECONDS);
    assertThat(vertx.deploymentIDs()).hasSize(1);

    server.stop().await(30, TimeUnit.SECONDS);
    server.stop().await(30, TimeUnit.SECONDS);

    assertThat(closes).containsOnlyKeys("mail", "alerts");
    assertThat(closes.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    assertThat(vertx.deploymentIDs()).as("the server undeployed what it deployed").isEmpty();
    assertVertxIsOpen();
  }

  @Test
  void failedStartClosesWhatItOpenedOnceAndLeavesTheCallersVertxOpen(@TempDir Path folder)
      throws Exception {
    ServerOptions options = components(folder, "a-mail", "broken");

    assertThatThrownBy(
            () -> BindingsServer.start(vertx, options, types).await(60, TimeUnit.SECONDS))
        .hasMessageContaining("init component broken");

    assertThat(closes).containsOnlyKeys("a-mail");
    assertThat(closes.get("a-mail")).hasValue(1);
    assertThat(vertx.deploymentIDs()).isEmpty();
    assertVertxIsOpen();
  }

  @Test
  void grpcPortTakenFailsTheStartUndeploysHttpAndClosesEachBindingOnce(@TempDir Path folder)
      throws Exception {
    components(folder, "mail");
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      ServerOptions options =
          ServerOptions.fromArgs(
              new String[] {
                "--dapr-http-port",
                "0",
                "--dapr-grpc-port",
                Integer.toString(taken.getLocalPort()),
                "--resources-path",
                folder.toString(),
                "--metrics-port",
                "0"
              },
              Map.of());

      assertThatThrownBy(
              () -> BindingsServer.start(vertx, options, types).await(60, TimeUnit.SECONDS))
          .as("the gRPC port is taken")
          .isInstanceOf(Exception.class);
    }

    assertThat(closes).containsOnlyKeys("mail");
    assertThat(closes.get("mail")).hasValue(1);
    assertThat(vertx.deploymentIDs()).as("the HTTP API was undeployed").isEmpty();
    assertVertxIsOpen();
  }
}
