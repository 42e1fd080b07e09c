package dev.opstream.bench;

import dev.opstream.localstack.LocalStack;
import dev.opstream.localstack.support.TempDirs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How long the local stack (Kafka, S3Proxy, two Kubernetes API servers) takes to start and stop,
 * cold (the first start in a JVM, as {@code opstream-dev stack} sees it) and warm, and the JVM's
 * memory with it running.
 */
final class LocalStackStartup implements Benchmark {

  private static final int WARM_RUNS = 5;

  @Override
  public String name() {
    return "stack";
  }

  @Override
  public void run(Report report) throws Exception {
    List<Double> startMs = new ArrayList<>();
    List<Double> stopMs = new ArrayList<>();
    for (int run = 0; run <= WARM_RUNS; run++) {
      Path data = TempDirs.create("opstream-bench-stack-");
      long started = System.nanoTime();
      LocalStack stack = LocalStack.start(new LocalStack.Options(data, List.of("eks", "local")));
      double start = (System.nanoTime() - started) / 1e6;
      if (run == 0) {
        report.figure("cold start (first in JVM)", start, "ms");
        report.residentMemory("JVM RSS with the stack running");
      } else {
        startMs.add(start);
      }
      long stopping = System.nanoTime();
      stack.close();
      stopMs.add((System.nanoTime() - stopping) / 1e6);
      TempDirs.deleteRecursively(data);
    }
    report.percentiles("warm start", startMs, "ms");
    report.percentiles("stop", stopMs, "ms");
  }
}
