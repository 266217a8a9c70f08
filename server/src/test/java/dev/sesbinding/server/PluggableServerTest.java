package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesbinding.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pluggable component's server, where its start fails. */
class PluggableServerTest {

  private static Set<Thread> vertxThreads() {
    Set<Thread> threads = Thread.getAllStackTraces().keySet();
    threads.removeIf(thread -> !thread.getName().startsWith("vert"));
    return threads;
  }

  @Test
  void aComponentThatCannotStartLeavesNoEventLoopsBehind(@TempDir Path sockets) throws Exception {
    Files.writeString(sockets.resolve("ses-binding.sock"), "not a socket");
    Set<Thread> before = vertxThreads();

    assertThatThrownBy(
            () -> PluggableServer.start(ServerOptions.embeddedComponent(sockets, "ses-binding")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("exists and is not a socket");
    Await.until(
        () -> {
          Set<Thread> left = vertxThreads();
          left.removeAll(before);
          return left.isEmpty();
        },
        "the failed start's Vert.x threads to end");
  }
}
