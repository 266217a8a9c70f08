package dev.sesbinding.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A real Redis ({@code redis-server}, Debian's package) on a free 127.0.0.1 port, with a password,
 * keeping nothing on disk. It can be stopped and started again on the same port, as an outage.
 * {@link #missing()} says why tests that need it are skipped where there is none.
 */
public final class RedisServer {
  private static final Pattern READY = Pattern.compile("(Ready to accept connections)");

  private final Path binary;
  private final int port;
  private final String password;
  private ServerProcess process;

  private RedisServer(Path binary, int port, String password) {
    this.binary = binary;
    this.port = port;
    this.password = password;
  }

  /** {@code redis-server} on the PATH, if this machine has one. */
  public static Optional<Path> binary() {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(":", -1)) {
      Path candidate = Path.of(folder.isEmpty() ? "." : folder, "redis-server");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Why the Redis tests are skipped on a machine without it. */
  public static String missing() {
    return "no redis-server on the PATH: install Debian's redis-server (.ci/run does)";
  }

  /** Starts one with {@code password} on a free port. */
  public static RedisServer start(Path binary, String password)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    RedisServer redis = new RedisServer(binary, port, password);
    redis.start();
    return redis;
  }

  /** Starts it again on its port (after {@link #stop}). */
  public void start() throws IOException, InterruptedException {
    process =
        ServerProcess.start(
            new ProcessBuilder(
                List.of(
                    binary.toString(),
                    "--port",
                    Integer.toString(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--requirepass",
                    password)),
            READY);
  }

  /** Stops it (SIGTERM), as an outage. */
  public void stop() throws IOException, InterruptedException {
    if (process != null) {
      process.terminate(Duration.ofSeconds(30));
      process.close();
      process = null;
    }
  }

  /** {@code 127.0.0.1:<port>}, as a component's {@code redisHost} names it. */
  public String hostAndPort() {
    return "127.0.0.1:" + port;
  }
}
