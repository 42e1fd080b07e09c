package dev.opstream.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Prints benchmark figures in one plain format: {@code name: value unit}. */
final class Report {

  private final PrintStream out;

  Report(PrintStream out) {
    this.out = out;
  }

  void heading(String benchmark) {
    out.printf(
        Locale.ROOT,
        "%n== %s (%d cores, Java %s)%n",
        benchmark,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
  }

  void figure(String name, double value, String unit) {
    out.printf(Locale.ROOT, "%-40s %10.1f %s%n", name + ":", value, unit);
  }

  /** A line of text under the figures. */
  void note(String text) {
    out.println(text);
  }

  /**
   * p50, p90, p99 and max of the samples, each as its own figure; a percentile is printed only when
   * there are enough samples for it to differ from the maximum.
   */
  void percentiles(String name, List<Double> samples, String unit) {
    double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    out.printf(Locale.ROOT, "%-40s %10d%n", name + " samples:", sorted.length);
    figure(name + " p50", percentile(sorted, 50), unit);
    if (sorted.length >= 10) {
      figure(name + " p90", percentile(sorted, 90), unit);
    }
    if (sorted.length >= 100) {
      figure(name + " p99", percentile(sorted, 99), unit);
    }
    figure(name + " max", sorted[sorted.length - 1], unit);
  }

  /** The resident set size of this JVM, from /proc (Linux). */
  void residentMemory(String name) {
    try {
      List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
      status.stream()
          .filter(line -> line.startsWith("VmRSS:"))
          .findFirst()
          .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
          .ifPresent(kb -> figure(name, kb / 1024.0, "MiB"));
    } catch (IOException e) {
      out.println(name + ": unavailable (" + e.getMessage() + ")");
    }
  }

  static double percentile(double[] sorted, int percent) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
