package dev.sesbinding.server.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Iterator;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * How the server's log lines look: {@link ServerLogging}'s text, or daprd's JSON ({@code
 * --log-as-json}).
 */
public final class LogFormat {
  private LogFormat() {}

  /**
   * Every console appender writes {@link DaprJsonLayout} lines from now on, naming {@code appId}
   * and {@code version}, and this host as the instance (as daprd does).
   */
  public static void useJson(String appId, String version) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    DaprJsonLayout layout = new DaprJsonLayout(appId, hostname(), version);
    layout.setContext(context);
    layout.start();
    for (Logger logger : context.getLoggerList()) {
      for (Iterator<Appender<ILoggingEvent>> appenders = logger.iteratorForAppenders();
          appenders.hasNext(); ) {
        if (appenders.next() instanceof OutputStreamAppender<ILoggingEvent> console) {
          LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
          encoder.setContext(context);
          encoder.setLayout(layout);
          encoder.start();
          console.stop();
          console.setEncoder(encoder);
          console.start();
        }
      }
    }
  }

  /** This host's name, as daprd's {@code instance}: {@code HOSTNAME}, else the system's. */
  private static String hostname() {
    return Optional.ofNullable(System.getenv("HOSTNAME"))
        .filter(name -> !name.isBlank())
        .orElseGet(
            () -> {
              try {
                return InetAddress.getLocalHost().getHostName();
              } catch (UnknownHostException e) {
                return "localhost";
              }
            });
  }
}
