package dev.opstream.bench;

/** One measurement program: it runs, prints its figures, and says nothing about pass or fail. */
interface Benchmark {

  /** The short name used to select it ({@code -Dbench=name}). */
  String name();

  /** Runs the measurement and prints its figures to {@code report}. */
  void run(Report report) throws Exception;
}
