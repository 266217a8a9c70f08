package dev.sesbinding.serving.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One metric of the Prometheus text format: its name, help, type and label names, and its series by
 * label values. At most {@value #MAX_SERIES} series, and one more where label values beyond them
 * are counted (every label {@value #OVERFLOW}): no caller can grow the registry by naming things.
 */
abstract class MetricFamily<S> {
  static final int MAX_SERIES = 1000;
  static final String OVERFLOW = "_overflow";

  private final String name;
  private final String help;
  private final String type;
  private final List<String> labelNames;
  private final Map<List<String>, S> series = new ConcurrentHashMap<>();
  private final Function<List<String>, S> newSeries;

  MetricFamily(
      String name,
      String help,
      String type,
      List<String> labelNames,
      Function<List<String>, S> newSeries) {
    this.name = name;
    this.help = help;
    this.type = type;
    this.labelNames = List.copyOf(labelNames);
    this.newSeries = newSeries;
  }

  String name() {
    return name;
  }

  List<String> labelNames() {
    return labelNames;
  }

  /** The series of {@code labelValues} (one per label name), made on first use. */
  final S series(String... labelValues) {
    if (labelValues.length != labelNames.size()) {
      throw new IllegalArgumentException(name + " takes labels " + labelNames);
    }
    List<String> key = List.of(labelValues);
    S found = series.get(key);
    if (found != null) {
      return found;
    }
    if (series.size() >= MAX_SERIES) {
      key = labelNames.stream().map(label -> OVERFLOW).toList();
    }
    return series.computeIfAbsent(key, newSeries);
  }

  /** Whether a series of exactly these label values exists. */
  final S existing(String... labelValues) {
    return series.get(List.of(labelValues));
  }

  /** HELP, TYPE, then each series' lines (in order of their label values). */
  final void writeTo(StringBuilder out) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    List<Map.Entry<List<String>, S>> sorted = new ArrayList<>(series.entrySet());
    sorted.sort(Map.Entry.comparingByKey(Comparator.comparing(List::toString)));
    for (Map.Entry<List<String>, S> entry : sorted) {
      writeSeries(out, entry.getKey(), entry.getValue());
    }
  }

  abstract void writeSeries(StringBuilder out, List<String> labelValues, S series);

  /** {@code name{label="value",...}} with {@code extra} label appended when not null. */
  final void writeName(
      StringBuilder out, String suffix, List<String> labelValues, String extraName, String extra) {
    out.append(name).append(suffix);
    if (labelNames.isEmpty() && extraName == null) {
      return;
    }
    out.append('{');
    for (int i = 0; i < labelNames.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      appendLabel(out, labelNames.get(i), labelValues.get(i));
    }
    if (extraName != null) {
      if (!labelNames.isEmpty()) {
        out.append(',');
      }
      appendLabel(out, extraName, extra);
    }
    out.append('}');
  }

  private static void appendLabel(StringBuilder out, String label, String value) {
    out.append(label).append("=\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    out.append('"');
  }

  /** A sample value as Prometheus writes it: integers without a fraction. */
  static String number(double value) {
    if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
