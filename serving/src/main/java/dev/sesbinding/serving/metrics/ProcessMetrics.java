package dev.sesbinding.serving.metrics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The process's own series, under the names every Prometheus client uses: CPU seconds, resident
 * memory, open and maximum file descriptors, start time. Read when scraped (from the JVM, and
 * {@code /proc} for resident memory); a value the platform does not give is left out.
 */
final class ProcessMetrics {
  private static final long PAGE_SIZE = 4096;

  private ProcessMetrics() {}

  static List<Gauge> all() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    List<Gauge> gauges = new java.util.ArrayList<>();
    if (os instanceof com.sun.management.OperatingSystemMXBean jdk) {
      gauges.add(
          new Gauge(
              "process_cpu_seconds_total",
              "Total user and system CPU time spent in seconds.",
              "counter",
              () -> jdk.getProcessCpuTime() / 1e9));
    }
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      gauges.add(
          new Gauge(
              "process_open_fds",
              "Number of open file descriptors.",
              "gauge",
              unix::getOpenFileDescriptorCount));
      gauges.add(
          new Gauge(
              "process_max_fds",
              "Maximum number of open file descriptors.",
              "gauge",
              unix::getMaxFileDescriptorCount));
    }
    if (Files.isReadable(Path.of("/proc/self/statm"))) {
      gauges.add(
          new Gauge(
              "process_resident_memory_bytes",
              "Resident memory size in bytes.",
              "gauge",
              ProcessMetrics::residentBytes));
    }
    ProcessHandle.current()
        .info()
        .startInstant()
        .ifPresent(
            start ->
                gauges.add(
                    new Gauge(
                        "process_start_time_seconds",
                        "Start time of the process since unix epoch in seconds.",
                        "gauge",
                        () -> start.toEpochMilli() / 1000.0)));
    return gauges;
  }

  /** The second field of {@code /proc/self/statm}: resident pages. */
  private static double residentBytes() {
    try {
      String[] fields = Files.readString(Path.of("/proc/self/statm")).strip().split(" ", -1);
      return Long.parseLong(fields[1]) * PAGE_SIZE;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
