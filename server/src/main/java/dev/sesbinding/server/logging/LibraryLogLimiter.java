package dev.sesbinding.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Marker;

/**
 * At most one line a minute for each kind of warning the transport libraries (grpc-java, Netty)
 * log, so that a client flooding the server with refused streams or broken connections cannot fill
 * a disk: grpc-java logs a warning with a 40-line trace for every stream it refuses (measured: 4.7
 * million lines for one flood of 300,000 streams on the component socket). A kind is the logger and
 * the message's format; the server's own logging ({@code dev.sesbinding}) is never limited.
 */
public final class LibraryLogLimiter extends TurboFilter {
  private static final long WINDOW_NANOS = 60_000_000_000L;
  private static final int MAX_KINDS = 1024;

  private final Map<String, AtomicLong> lastLogged = new ConcurrentHashMap<>();

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == null || !level.isGreaterOrEqual(Level.WARN) || !isLibrary(logger.getName())) {
      return FilterReply.NEUTRAL;
    }
    if (lastLogged.size() >= MAX_KINDS) {
      lastLogged.clear(); // a bound on the map itself: the worst is one more line of each kind
    }
    AtomicLong last =
        lastLogged.computeIfAbsent(logger.getName() + '|' + format, kind -> new AtomicLong());
    long now = System.nanoTime();
    long before = last.get();
    boolean first = before == 0 || now - before >= WINDOW_NANOS;
    return first && last.compareAndSet(before, now) ? FilterReply.NEUTRAL : FilterReply.DENY;
  }

  private static boolean isLibrary(String name) {
    return name.startsWith("io.grpc.") || name.startsWith("io.netty.");
  }
}
