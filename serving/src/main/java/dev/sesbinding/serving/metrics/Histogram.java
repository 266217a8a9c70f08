package dev.sesbinding.serving.metrics;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A histogram family with fixed upper bounds, cumulative as Prometheus counts them. */
final class Histogram extends MetricFamily<Histogram.Series> {
  private final double[] bounds;

  Histogram(String name, String help, double[] bounds, String... labelNames) {
    super(name, help, "histogram", List.of(labelNames), labels -> new Series(bounds.length));
    this.bounds = bounds.clone();
  }

  /** Counts {@code value} in the series of {@code labelValues}. */
  void observe(double value, String... labelValues) {
    Series series = series(labelValues);
    for (int i = 0; i < bounds.length; i++) {
      if (value <= bounds[i]) {
        series.buckets[i].increment();
        break;
      }
    }
    series.count.increment();
    series.sum.add(value);
  }

  /** The count of the series, 0 where it does not exist. */
  long count(String... labelValues) {
    Series found = existing(labelValues);
    return found == null ? 0 : found.count.sum();
  }

  @Override
  void writeSeries(StringBuilder out, List<String> labelValues, Series series) {
    long count = series.count.sum();
    long cumulative = 0;
    for (int i = 0; i < bounds.length; i++) {
      cumulative += series.buckets[i].sum();
      writeName(out, "_bucket", labelValues, "le", number(bounds[i]));
      out.append(' ').append(Math.min(cumulative, count)).append('\n');
    }
    writeName(out, "_bucket", labelValues, "le", "+Inf");
    out.append(' ').append(count).append('\n');
    writeName(out, "_sum", labelValues, null, null);
    out.append(' ').append(number(series.sum.sum())).append('\n');
    writeName(out, "_count", labelValues, null, null);
    out.append(' ').append(count).append('\n');
  }

  /** One series: a count per bucket (not cumulative), the count and the sum. */
  static final class Series {
    final LongAdder[] buckets;
    final LongAdder count = new LongAdder();
    final DoubleAdder sum = new DoubleAdder();

    Series(int bucketCount) {
      buckets = new LongAdder[bucketCount];
      for (int i = 0; i < bucketCount; i++) {
        buckets[i] = new LongAdder();
      }
    }
  }
}
