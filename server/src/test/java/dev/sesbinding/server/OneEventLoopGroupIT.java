package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.grpc.runtime.v1.DaprGrpc;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingResponse;
import dev.sesbinding.testing.ServerProcess;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The built server has one Netty and one set of event loops, Vert.x's: Dapr's gRPC API is served on
 * them, beside the HTTP API and SES's client, so no other event-loop thread runs in the process.
 * (The pluggable component's socket: {@code PluggableComponentJarIT}.)
 */
class OneEventLoopGroupIT {
  private static final Path JAR = Readme.ROOT.resolve("server/target/ses-binding-server.jar");
  private static final Pattern GRPC_READY = Pattern.compile("and grpc://127\\.0\\.0\\.1:(\\d+)");

  private ServerProcess server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theJarCarriesOneNettyAndNoShadedCopy() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> entries = jar.stream().map(JarEntry::getName).toList();

      assertThat(entries)
          .contains("io/netty/channel/nio/NioIoHandler.class")
          .contains("io/grpc/netty/NettyServerBuilder.class")
          .noneMatch(entry -> entry.startsWith("io/grpc/netty/shaded/"));
    }
  }

  @Test
  void grpcCallsAreServedOnVertxsEventLoopsAndNoOthersRun() throws Exception {
    List<String> command = new ArrayList<>(Readme.javaCommand());
    command.addAll(List.of("--dapr-http-port", "0", "--dapr-grpc-port", "0"));
    server =
        ServerProcess.start(
            new ProcessBuilder(command).directory(Readme.ROOT.toFile()), GRPC_READY);
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(server.ready()))
            .usePlaintext()
            .build();
    try {
      InvokeBindingResponse sent =
          DaprGrpc.newBlockingStub(channel)
              .withDeadlineAfter(30, TimeUnit.SECONDS)
              .invokeBinding(TestServer.grpcEmail("ses"));
      assertThat(sent.getData().toString(StandardCharsets.UTF_8)).contains("outbox-");
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    JvmThreads.assertEveryEventLoopIsVertxs(server.pid(), "the server");
  }
}
