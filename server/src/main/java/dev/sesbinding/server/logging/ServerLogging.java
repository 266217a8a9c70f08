package dev.sesbinding.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;
import java.util.Optional;

/**
 * The server's logging, set up in code: logback's XML configurator loads about 280 classes of its
 * own, which a sidecar would keep in memory for good, and parses XML before the server can start.
 * Found by logback as a service; it steps aside (and logback reads the file as usual) when {@code
 * -Dlogback.configurationFile} names a file or a {@code logback.xml} or {@code logback-test.xml} is
 * on the class path.
 *
 * <ul>
 *   <li>The server's own lines at {@code SES_BINDING_LOG_LEVEL} (INFO), the libraries' at {@code
 *       SES_BINDING_LIBRARY_LOG_LEVEL} (WARN): a system property, else the environment variable.
 *   <li>Never below INFO, whatever those say: at DEBUG the SDK's SigV4 signer logs the canonical
 *       request with the session token, and Netty's LoggingHandler every request's headers.
 *   <li>grpc-java's and Netty's lines on one line each, with the exception's first line and frame
 *       only, and at most one a minute for each kind ({@link LibraryLogLimiter}).
 *   <li>Netty's warning that a Unix socket has no SO_KEEPALIVE (once per connection to the
 *       pluggable component) is left out.
 *   <li>java.util.logging (grpc-java's), which Main routes here, takes these levels, so that its
 *       disabled lines stay cheap.
 * </ul>
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ServerLogging extends ContextAwareBase implements Configurator {
  private static final String TEXT = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";
  private static final String LIBRARY_TEXT =
      "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%replace( %ex{short}){'\\s+', ' '}%nopex%n";
  private static final List<String> SECRETS_AT_DEBUG =
      List.of(
          "software.amazon.awssdk.http.auth.aws.internal.signer",
          "software.amazon.awssdk.auth.signer",
          "io.netty.handler.logging");
  private static final List<String> KEEPALIVE_ON_UNIX_SOCKETS =
      List.of("io.netty.bootstrap.ServerBootstrap", "io.netty.bootstrap.Bootstrap");

  /** For logback's service loader. */
  public ServerLogging() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    ClassLoader loader = ServerLogging.class.getClassLoader();
    if (System.getProperty("logback.configurationFile") != null
        || loader.getResource("logback-test.xml") != null
        || loader.getResource("logback.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    apply(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Sets up {@code context}, which has no appenders yet, as the class comment says. */
  public static void apply(LoggerContext context) {
    LevelChangePropagator jul = new LevelChangePropagator();
    jul.setContext(context);
    jul.setResetJUL(true);
    jul.start();
    context.addListener(jul);
    LibraryLogLimiter limiter = new LibraryLogLimiter();
    limiter.setContext(context);
    limiter.start();
    context.addTurboFilter(limiter);

    context.getLogger("dev.sesbinding").setLevel(level("SES_BINDING_LOG_LEVEL", Level.INFO));
    for (String name : SECRETS_AT_DEBUG) {
      context.getLogger(name).setLevel(Level.INFO);
    }
    for (String name : KEEPALIVE_ON_UNIX_SOCKETS) {
      context.getLogger(name).setLevel(Level.ERROR);
    }
    ConsoleAppender<ILoggingEvent> libraries = console(context, "LIBRARIES", LIBRARY_TEXT);
    for (String name : List.of("io.grpc", "io.netty")) {
      Logger library = context.getLogger(name);
      library.setAdditive(false);
      library.addAppender(libraries);
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(level("SES_BINDING_LIBRARY_LOG_LEVEL", Level.WARN));
    root.addAppender(console(context, "STDOUT", TEXT));
  }

  /** The level {@code name} sets, else (unset, or not a level) {@code otherwise}. */
  private static Level level(String name, Level otherwise) {
    return Optional.ofNullable(System.getProperty(name))
        .or(() -> Optional.ofNullable(System.getenv(name)))
        .map(value -> Level.toLevel(value.strip(), otherwise))
        .orElse(otherwise);
  }

  private static ConsoleAppender<ILoggingEvent> console(
      LoggerContext context, String name, String pattern) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName(name);
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }
}
