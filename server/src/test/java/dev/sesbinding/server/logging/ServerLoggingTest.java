package dev.sesbinding.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's logging, set up in code as the XML file it replaced set it up. */
class ServerLoggingTest {
  private static final String OWN = "SES_BINDING_LOG_LEVEL";
  private static final String LIBRARIES = "SES_BINDING_LIBRARY_LOG_LEVEL";
  private final LoggerContext context = new LoggerContext();

  @AfterEach
  void clear() {
    System.clearProperty(OWN);
    System.clearProperty(LIBRARIES);
    context.stop();
  }

  @Test
  void theServerAtInfoAndTheLibrariesAtWarnByDefault() {
    ServerLogging.apply(context);

    assertThat(context.getLogger("dev.sesbinding.serving.Calls").getEffectiveLevel())
        .isEqualTo(Level.INFO);
    assertThat(context.getLogger("software.amazon.awssdk.core").getEffectiveLevel())
        .isEqualTo(Level.WARN);
    assertThat(context.getLogger("io.netty.bootstrap.ServerBootstrap").getEffectiveLevel())
        .as("Netty's SO_KEEPALIVE warning for each Unix socket connection")
        .isEqualTo(Level.ERROR);
    assertThat(context.getTurboFilterList()).hasAtLeastOneElementOfType(LibraryLogLimiter.class);
    assertThat(context.getCopyOfListenerList())
        .as("java.util.logging takes these levels")
        .hasAtLeastOneElementOfType(LevelChangePropagator.class);
  }

  @Test
  void theLoggersThatPrintSecretsStayAtInfoWhenEverythingElseIsDebug() {
    System.setProperty(OWN, "DEBUG");
    System.setProperty(LIBRARIES, "debug");

    ServerLogging.apply(context);

    assertThat(context.getLogger("dev.sesbinding").getEffectiveLevel()).isEqualTo(Level.DEBUG);
    assertThat(context.getLogger("software.amazon.awssdk.core").getEffectiveLevel())
        .isEqualTo(Level.DEBUG);
    for (String secretive :
        new String[] {
          "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner",
          "software.amazon.awssdk.auth.signer.Aws4Signer",
          "io.netty.handler.logging.LoggingHandler"
        }) {
      assertThat(context.getLogger(secretive).getEffectiveLevel())
          .as(secretive)
          .isEqualTo(Level.INFO);
    }
  }

  @Test
  void aValueThatIsNotALevelKeepsTheDefaultNotDebug() {
    System.setProperty(LIBRARIES, "chatty");

    ServerLogging.apply(context);

    assertThat(context.getLogger("io.vertx").getEffectiveLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void theLibrariesLinesAreOneLineWithTheExceptionsFirstFrame() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream console = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      context.setMDCAdapter(new LogbackMDCAdapter()); // as logback's SLF4J provider sets it
      ServerLogging.apply(context);
      context
          .getLogger("io.grpc.netty.NettyServerHandler")
          .warn("Stream Error", new IOException("reset by peer"));
      context.getLogger("dev.sesbinding.server.Main").info("ready");
    } finally {
      System.setOut(console);
    }

    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0])
        .matches(
            "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  i\\.g\\.n\\.NettyServerHandler - Stream Error"
                + " java\\.io\\.IOException: reset by peer at .*")
        .as("written once, by the libraries' own appender")
        .doesNotContain("\tat ");
    assertThat(lines[1])
        .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  d\\.sesbinding\\.server\\.Main - ready");
  }

  @Test
  void stepsAsideForALogbackFileOnTheClassPath() {
    // the tests' own logback-test.xml is on the class path
    ServerLogging logging = new ServerLogging();
    logging.setContext(context);

    assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger("ROOT").iteratorForAppenders().hasNext()).isFalse();
  }
}
