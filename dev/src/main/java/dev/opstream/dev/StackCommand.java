package dev.opstream.dev;

import dev.opstream.localstack.LocalStack;
import dev.opstream.localstack.support.TempDirs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opstream-dev stack}: starts the local stack, prints its endpoints as shell assignments
 * followed by {@code READY}, and keeps running until Ctrl-C or SIGTERM.
 */
@Command(
    name = "stack",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the local stack: a Kafka broker (KRaft), an S3 server (S3Proxy) and one Kubernetes API"
          + " server per cluster, on free ports on 127.0.0.1, and creates opstream's topics.",
      "Prints KUBECONFIG=, KAFKA_BOOTSTRAP_SERVERS=, S3_ENDPOINT= and AWS_* lines, then READY,"
          + " and runs until Ctrl-C or SIGTERM. Logs go to standard error."
    })
final class StackCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(StackCommand.class);

  @Spec private CommandSpec spec;

  @Option(
      names = "--cluster",
      split = ",",
      defaultValue = "local",
      description = "Cluster names, one Kubernetes API server each (default: ${DEFAULT-VALUE}).")
  private List<String> clusters;

  @Option(
      names = "--data-dir",
      description = "Where the servers keep their data (default: a temporary directory).")
  private Path dataDir;

  @Option(names = "--keep-data", description = "Keep the temporary data directory on exit.")
  private boolean keepData;

  @Option(
      names = "--topics",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Create opstream's topics on the broker (default: ${DEFAULT-VALUE}).")
  private boolean createTopics;

  @Override
  public Integer call() throws Exception {
    boolean temporary = dataDir == null;
    Path data = temporary ? TempDirs.create("opstream-stack-") : dataDir;
    long startedAt = System.nanoTime();
    LocalStack stack = LocalStack.start(new LocalStack.Options(data, clusters));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> stop(stack, temporary && !keepData ? data : null, stopped)));
    if (createTopics) {
      StackTopics.create(stack.kafka().bootstrapServers());
    }
    Duration startup = Duration.ofNanos(System.nanoTime() - startedAt);
    LOG.info("Local stack started in {} ms, data in {}", startup.toMillis(), data);

    PrintWriter out = spec.commandLine().getOut();
    stack.environment().forEach((name, value) -> out.println(ShellAssignment.format(name, value)));
    out.println("READY");
    out.flush();
    stopped.await();
    return 0;
  }

  private static void stop(LocalStack stack, Path deleteAfterwards, CountDownLatch stopped) {
    LOG.info("Stopping the local stack");
    try {
      stack.close();
      if (deleteAfterwards != null) {
        TempDirs.deleteRecursively(deleteAfterwards);
      }
    } catch (RuntimeException e) {
      LOG.warn("The local stack did not stop cleanly", e);
    } finally {
      stopped.countDown();
    }
  }
}
