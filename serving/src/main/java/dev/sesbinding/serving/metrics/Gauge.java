package dev.sesbinding.serving.metrics;

import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * A value without labels read when scraped: a gauge, or a counter kept elsewhere (the process's CPU
 * time).
 */
final class Gauge extends MetricFamily<DoubleSupplier> {
  private final DoubleSupplier value;

  Gauge(String name, String help, String type, DoubleSupplier value) {
    super(name, help, type, List.of(), labels -> value);
    this.value = value;
    series();
  }

  double value() {
    return value.getAsDouble();
  }

  @Override
  void writeSeries(StringBuilder out, List<String> labelValues, DoubleSupplier series) {
    writeName(out, "", labelValues, null, null);
    out.append(' ').append(number(series.getAsDouble())).append('\n');
  }
}
