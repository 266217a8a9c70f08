package dev.sesbinding.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;
import dev.sesbinding.core.internal.JsonStrings;
import java.time.Instant;
import java.util.Map;

/**
 * A log line as daprd writes one with {@code --log-as-json}: one JSON object, keys in daprd's order
 * ({@code app_id}, {@code instance}, {@code level}, {@code msg}, {@code scope}, then the trace's
 * {@code span_id}, {@code time}, {@code trace_id} where a call has one, {@code type}, {@code ver}),
 * levels as daprd names them ({@code warning}). An exception adds its class and message to {@code
 * msg}, never its stack.
 */
public final class DaprJsonLayout extends LayoutBase<ILoggingEvent> {
  private final String appId;
  private final String instance;
  private final String version;

  public DaprJsonLayout(String appId, String instance, String version) {
    this.appId = appId;
    this.instance = instance;
    this.version = version;
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(256);
    line.append("{\"app_id\":").append(JsonStrings.quote(appId));
    line.append(",\"instance\":").append(JsonStrings.quote(instance));
    line.append(",\"level\":\"").append(level(event.getLevel())).append('"');
    line.append(",\"msg\":").append(JsonStrings.quote(message(event)));
    line.append(",\"scope\":").append(JsonStrings.quote(event.getLoggerName()));
    Map<String, String> mdc = event.getMDCPropertyMap();
    String span = mdc == null ? null : mdc.get("span_id");
    if (span != null) {
      line.append(",\"span_id\":").append(JsonStrings.quote(span));
    }
    line.append(",\"time\":\"").append(Instant.ofEpochMilli(event.getTimeStamp())).append('"');
    String trace = mdc == null ? null : mdc.get("trace_id");
    if (trace != null) {
      line.append(",\"trace_id\":").append(JsonStrings.quote(trace));
    }
    line.append(",\"type\":\"log\",\"ver\":").append(JsonStrings.quote(version)).append("}\n");
    return line.toString();
  }

  private static String message(ILoggingEvent event) {
    IThrowableProxy thrown = event.getThrowableProxy();
    String message = event.getFormattedMessage();
    return thrown == null
        ? message
        : message + " (" + thrown.getClassName() + ": " + thrown.getMessage() + ")";
  }

  private static String level(Level level) {
    if (level.isGreaterOrEqual(Level.ERROR)) {
      return "error";
    }
    if (level.isGreaterOrEqual(Level.WARN)) {
      return "warning";
    }
    return level.isGreaterOrEqual(Level.INFO) ? "info" : "debug";
  }
}
