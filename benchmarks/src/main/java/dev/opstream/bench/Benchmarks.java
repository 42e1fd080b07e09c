package dev.opstream.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Runs the benchmarks named on the command line ({@code all} for every one). */
public final class Benchmarks {

  private static final List<Benchmark> ALL =
      List.of(
          new LocalStackStartup(),
          new BackupRestore(),
          new WatcherBenchmark(),
          new PlannerBenchmark(),
          new ActuatorThroughput(),
          new ReplayBenchmark(),
          new EndToEndBenchmark());

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    Set<String> wanted =
        Arrays.stream(args.length == 0 ? new String[] {"all"} : args[0].split(","))
            .map(String::trim)
            .collect(Collectors.toSet());
    List<Benchmark> selected =
        ALL.stream()
            .filter(bench -> wanted.contains("all") || wanted.contains(bench.name()))
            .toList();
    if (selected.isEmpty()) {
      System.err.println(
          "No benchmark named "
              + wanted
              + "; known: "
              + ALL.stream().map(Benchmark::name).toList());
      System.exit(2);
    }
    Report report = new Report(System.out);
    for (Benchmark benchmark : selected) {
      report.heading(benchmark.name());
      benchmark.run(report);
    }
    System.exit(0);
  }
}
