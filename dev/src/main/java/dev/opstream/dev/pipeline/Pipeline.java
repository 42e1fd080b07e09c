package dev.opstream.dev.pipeline;

import dev.opstream.localstack.LocalStack;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.localstack.support.FreePorts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Every stage of opstream as its own process against a {@link LocalStack}, the way production runs
 * them: one watcher per cluster, the planner, and one process per actuator kind. The topics must
 * exist before it starts. Closing it stops the stages with SIGTERM, the watchers first.
 */
public final class Pipeline implements AutoCloseable {

  /** The JVM options each stage runs with unless told otherwise: small and quick to start. */
  public static final List<String> DEFAULT_JVM_OPTIONS =
      List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private static final Duration STOP_GRACE = Duration.ofSeconds(45);

  /**
   * How to run the stages.
   *
   * @param dataDir where stage logs and the planner's state go
   * @param gracePeriod the planner's delete grace period ({@code PT0S} in the demo)
   * @param jvmOptions options for every stage's JVM
   * @param extraArguments more arguments for a stage, by stage name (e.g. {@code planner})
   * @param extraEnvironment more environment variables for a stage, by stage name
   */
  public record Options(
      Path dataDir,
      Duration gracePeriod,
      List<String> jvmOptions,
      Map<String, List<String>> extraArguments,
      Map<String, Map<String, String>> extraEnvironment) {

    public Options {
      jvmOptions = List.copyOf(jvmOptions);
      extraArguments = Map.copyOf(extraArguments);
      extraEnvironment = Map.copyOf(extraEnvironment);
    }

    /** Default JVM options and nothing extra. */
    public static Options of(Path dataDir, Duration gracePeriod) {
      return new Options(dataDir, gracePeriod, DEFAULT_JVM_OPTIONS, Map.of(), Map.of());
    }
  }

  public static final String PLANNER = "planner";
  public static final String BUCKET_ACTUATOR = "actuator-bucket";
  public static final String REDIS_ACTUATOR = "actuator-redis";
  public static final String CRONJOB_ACTUATOR = "actuator-cronjob";

  private final List<StageProcess> stages;

  private Pipeline(List<StageProcess> stages) {
    this.stages = List.copyOf(stages);
  }

  /** The name of the watcher stage of one cluster. */
  public static String watcher(String cluster) {
    return "watcher-" + cluster;
  }

  /** What {@link #start} runs, in start order: watchers, planner, actuators. */
  public static List<StageSpec> specs(LocalStack stack, Options options) {
    Map<String, String> environment = stack.environment();
    String kubeconfig = stack.kubeconfig().toString();
    List<StageSpec> specs = new ArrayList<>();
    for (KubeApiServer cluster : stack.clusters()) {
      specs.add(
          spec(
              options,
              environment,
              watcher(cluster.clusterName()),
              "watcher",
              "--kubeconfig",
              kubeconfig,
              "--context",
              cluster.clusterName()));
    }
    specs.add(
        spec(
            options,
            environment,
            PLANNER,
            "planner",
            "--state-dir",
            options.dataDir().resolve("planner-state").toString(),
            "--grace-period",
            options.gracePeriod().toString()));
    specs.add(spec(options, environment, BUCKET_ACTUATOR, "actuator", "bucket"));
    specs.add(
        spec(
            options, environment, REDIS_ACTUATOR, "actuator", "redis", "--kubeconfig", kubeconfig));
    specs.add(
        spec(
            options,
            environment,
            CRONJOB_ACTUATOR,
            "actuator",
            "cronjob",
            "--kubeconfig",
            kubeconfig));
    return specs;
  }

  /** Starts every stage, then waits until each one is ready. */
  public static Pipeline start(LocalStack stack, Options options, Duration readyTimeout) {
    List<StageProcess> started = new ArrayList<>();
    try {
      for (StageSpec spec : specs(stack, options)) {
        started.add(StageProcess.start(spec, options.jvmOptions(), options.dataDir()));
      }
      CompletableFuture.allOf(
              started.stream()
                  .map(stage -> CompletableFuture.runAsync(() -> stage.awaitReady(readyTimeout)))
                  .toArray(CompletableFuture[]::new))
          .join();
      return new Pipeline(started);
    } catch (CompletionException e) {
      stopAll(started);
      throw e.getCause() instanceof StageException stage ? stage : e;
    } catch (RuntimeException e) {
      stopAll(started);
      throw e;
    }
  }

  public List<StageProcess> stages() {
    return stages;
  }

  /** The stage of that name ({@link #PLANNER}, {@link #watcher(String)}, ...). */
  public StageProcess stage(String name) {
    return stages.stream()
        .filter(stage -> stage.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no stage named " + name));
  }

  /** The planner's status page. */
  public URI statusUrl() {
    return stage(PLANNER).endpoint("/");
  }

  /** Stops every stage with SIGTERM in start order (watchers first) and waits for each. */
  @Override
  public void close() {
    stopAll(stages);
  }

  private static void stopAll(List<StageProcess> stages) {
    for (StageProcess stage : stages) {
      stage.stop(STOP_GRACE);
    }
  }

  private static StageSpec spec(
      Options options, Map<String, String> stackEnvironment, String name, String... arguments) {
    int port = FreePorts.pick();
    List<String> all = new ArrayList<>(List.of(arguments));
    all.addAll(List.of("--http-port", Integer.toString(port)));
    all.addAll(options.extraArguments().getOrDefault(name, List.of()));
    Map<String, String> environment = new HashMap<>(stackEnvironment);
    environment.putAll(options.extraEnvironment().getOrDefault(name, Map.of()));
    return new StageSpec(name, all, environment, port);
  }
}
