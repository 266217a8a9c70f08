package dev.sesbinding.serving.metrics;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;

/** A counter family: each series only goes up. */
final class Counter extends MetricFamily<DoubleAdder> {
  Counter(String name, String help, String... labelNames) {
    super(name, help, "counter", List.of(labelNames), labels -> new DoubleAdder());
  }

  void inc(String... labelValues) {
    add(1, labelValues);
  }

  void add(double amount, String... labelValues) {
    series(labelValues).add(amount);
  }

  /** The series' value, 0 where it does not exist. */
  double value(String... labelValues) {
    DoubleAdder found = existing(labelValues);
    return found == null ? 0 : found.sum();
  }

  @Override
  void writeSeries(StringBuilder out, List<String> labelValues, DoubleAdder series) {
    writeName(out, "", labelValues, null, null);
    out.append(' ').append(number(series.sum())).append('\n');
  }
}
