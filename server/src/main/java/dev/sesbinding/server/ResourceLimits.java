package dev.sesbinding.server;

import dev.sesbinding.components.ComponentException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The server's memory budget and connection limit, settled at start from the JVM's heap and file
 * descriptor limits. The heap must hold the server itself, every outbox at its byte bound, and the
 * request bodies held at once, each of which lives in up to {@value #COPIES_PER_BODY} forms while
 * it is handled (bytes read, decoded text, the binding's copy, the composed email, the SES
 * request): {@code heap >= 48 MiB + outbox bytes + 8 x buffered bytes}. A start the heap cannot
 * hold is refused, naming the flags to change.
 */
record ResourceLimits(long maxBufferedBytes, int maxConnections, String description) {
  static final long SERVER_HEAP = 48L << 20;
  static final int COPIES_PER_BODY = 8;
  private static final long MAX_AUTO_BUFFERED = 1L << 30;
  private static final int MAX_AUTO_CONNECTIONS = 10_000;
  private static final int FILES_KEPT_FREE = 512;

  /**
   * Settles the limits for {@code options}, with {@code outboxBytes} the sum of every outbox's byte
   * bound and {@code maxHeap} and {@code maxFileDescriptors} the JVM's.
   *
   * @throws ComponentException when the heap cannot hold what the flags ask
   */
  static ResourceLimits settle(
      ServerOptions options, long outboxBytes, long maxHeap, long maxFileDescriptors) {
    long available = maxHeap - SERVER_HEAP - outboxBytes;
    long affordable = Math.max(0, Math.min(MAX_AUTO_BUFFERED, available / COPIES_PER_BODY));
    long buffered =
        options.maxBufferedBytes() == ServerOptions.AUTO ? affordable : options.maxBufferedBytes();
    if (buffered < options.maxBodySize()) {
      throw new ComponentException(
          options.maxBufferedBytes() == ServerOptions.AUTO
              ? "the heap ("
                  + mib(maxHeap)
                  + ") cannot hold one request body of --max-body-size ("
                  + mib(options.maxBodySize())
                  + ", up to "
                  + COPIES_PER_BODY
                  + " copies while handled) beside the outboxes and idempotency keys ("
                  + mib(outboxBytes)
                  + ") and the server ("
                  + mib(SERVER_HEAP)
                  + "): raise -Xmx to at least "
                  + mib(needed(options.maxBodySize(), outboxBytes))
                  + ", or lower --max-body-size or outboxMaxBytes"
              : "--max-buffered-bytes ("
                  + mib(buffered)
                  + ") must hold at least one body of --max-body-size ("
                  + mib(options.maxBodySize())
                  + ")");
    }
    if (buffered > affordable) {
      throw new ComponentException(
          "--max-buffered-bytes "
              + mib(buffered)
              + " needs a heap of at least "
              + mib(needed(buffered, outboxBytes))
              + " (server "
              + mib(SERVER_HEAP)
              + " + outboxes "
              + mib(outboxBytes)
              + " + "
              + COPIES_PER_BODY
              + " x buffered bytes); this JVM has "
              + mib(maxHeap)
              + ": raise -Xmx or lower --max-buffered-bytes");
    }
    int connections =
        options.maxConnections() == ServerOptions.AUTO
            ? (int)
                Math.max(16, Math.min(MAX_AUTO_CONNECTIONS, maxFileDescriptors - FILES_KEPT_FREE))
            : options.maxConnections();
    String description =
        "heap "
            + mib(maxHeap)
            + " holds the server ("
            + mib(SERVER_HEAP)
            + "), outboxes and idempotency keys ("
            + mib(outboxBytes)
            + ") and "
            + COPIES_PER_BODY
            + " x "
            + mib(buffered)
            + " of request bodies at once (--max-buffered-bytes); at most "
            + connections
            + " connections (--max-connections)";
    return new ResourceLimits(buffered, connections, description);
  }

  /** The JVM's file descriptor limit, or a conservative guess where the platform does not say. */
  static long maxFileDescriptors() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.UnixOperatingSystemMXBean unix
        ? unix.getMaxFileDescriptorCount()
        : 4096;
  }

  private static long needed(long buffered, long outboxBytes) {
    return SERVER_HEAP + outboxBytes + COPIES_PER_BODY * buffered;
  }

  private static String mib(long bytes) {
    return bytes % (1L << 20) == 0
        ? (bytes >> 20) + " MiB"
        : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
