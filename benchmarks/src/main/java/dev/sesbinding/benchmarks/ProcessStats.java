package dev.sesbinding.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU seconds and peak resident memory of a process, read from Linux's {@code /proc}. */
final class ProcessStats {
  /** Linux's USER_HZ: /proc reports CPU time in these ticks. */
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcessStats() {}

  /** User plus system CPU seconds the process has used so far. */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
  }

  /** The CPU seconds of these processes together (a sidecar and its component, say). */
  static double cpuSeconds(long[] pids) throws IOException {
    double seconds = 0;
    for (long pid : pids) {
      seconds += cpuSeconds(pid);
    }
    return seconds;
  }

  /** The peak resident set sizes of these processes, added, in MiB. */
  static double peakRssMib(long[] pids) throws IOException {
    double mib = 0;
    for (long pid : pids) {
      mib += peakRssMib(pid);
    }
    return mib;
  }

  /** The process's peak resident set size (VmHWM), in MiB. */
  static double peakRssMib(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }
}
