package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The threads of a running JVM, as {@code jcmd PID Thread.print} lists them. */
record JvmThreads(List<JvmThreads.Named> threads) {

  /** One thread: its name and its stack as printed. */
  record Named(String name, String stack) {
    /** Whether it runs a Netty event loop (of any Netty copy, shaded ones included). */
    boolean isNettyEventLoop() {
      return stack.contains("netty.channel.SingleThreadIoEventLoop.run");
    }

    /** Whether it is one of Vert.x's event loops or its acceptor. */
    boolean isVertxs() {
      return name.startsWith("vert.x-eventloop-thread-")
          || name.startsWith("vert.x-acceptor-thread-");
    }
  }

  static JvmThreads of(long pid) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process print =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
            .redirectErrorStream(true)
            .start();
    String out = new String(print.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!print.waitFor(30, TimeUnit.SECONDS) || print.exitValue() != 0) {
      throw new IOException("jcmd " + pid + " Thread.print failed: " + out);
    }
    List<Named> threads = new ArrayList<>();
    for (String block : out.split("\n\n", -1)) {
      if (block.startsWith("\"")) {
        threads.add(new Named(block.substring(1, block.indexOf('"', 1)), block));
      }
    }
    return new JvmThreads(List.copyOf(threads));
  }

  List<Named> nettyEventLoops() {
    return threads.stream().filter(Named::isNettyEventLoop).toList();
  }

  /** Asserts that process {@code pid} ({@code what}) runs event loops, and only Vert.x's. */
  static void assertEveryEventLoopIsVertxs(long pid, String what)
      throws IOException, InterruptedException {
    List<Named> loops = of(pid).nettyEventLoops();

    assertThat(loops).as("the event loops of %s", what).isNotEmpty();
    assertThat(loops)
        .as("every event loop in %s is Vert.x's", what)
        .allMatch(Named::isVertxs, "is Vert.x's");
  }
}
