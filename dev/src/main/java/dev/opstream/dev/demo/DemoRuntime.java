package dev.opstream.dev.demo;

import dev.opstream.dev.StackTopics;
import dev.opstream.dev.pipeline.Pipeline;
import dev.opstream.localstack.LocalStack;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.localstack.support.TempDirs;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the demo runs: the local stack with the clusters {@code eks} and {@code local}, opstream's
 * topics, an S3 credentials Secret in each cluster (which the backup CronJobs reference, as they
 * would in production), and every stage of the pipeline as its own process. Closing it stops the
 * stages, then the stack, then removes the temporary data. Idempotent, so a shutdown hook and the
 * normal end can both call it.
 */
public final class DemoRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DemoRuntime.class);

  /** The clusters the demo stands up: one standing for EKS, one for a local cluster. */
  public static final List<String> CLUSTERS = List.of("eks", "local");

  /** The Secret (in each app namespace) that the backup CronJobs take S3 settings from. */
  public static final String S3_SECRET = "opstream-s3";

  /** The namespace the demo's apps live in. */
  public static final String NAMESPACE = "default";

  /**
   * How to run the demo.
   *
   * @param dataDir where everything keeps its data
   * @param deleteDataOnClose whether to remove {@code dataDir} when closing
   * @param driftInterval the planner's drift interval (how soon a new backup shows in the status)
   * @param readyTimeout how long the stages may take to become ready
   */
  public record Options(
      Path dataDir, boolean deleteDataOnClose, Duration driftInterval, Duration readyTimeout) {}

  private final Options options;
  private final LocalStack stack;
  private final AtomicBoolean closed = new AtomicBoolean();
  private Pipeline pipeline;

  private DemoRuntime(Options options, LocalStack stack) {
    this.options = options;
    this.stack = stack;
  }

  /** Starts the stack, creates the topics and Secrets, and starts every stage. */
  public static DemoRuntime start(Options options) {
    LocalStack stack =
        LocalStack.start(new LocalStack.Options(options.dataDir().resolve("stack"), CLUSTERS));
    DemoRuntime runtime = new DemoRuntime(options, stack);
    try {
      StackTopics.create(stack.kafka().bootstrapServers());
      for (KubeApiServer cluster : stack.clusters()) {
        runtime.createS3Secret(cluster);
      }
      runtime.pipeline = Pipeline.start(stack, runtime.pipelineOptions(), options.readyTimeout());
      return runtime;
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  /** The stage options of the demo: grace period 0, a short drift interval, S3 Secret. */
  Pipeline.Options pipelineOptions() {
    return new Pipeline.Options(
        options.dataDir().resolve("pipeline"),
        Duration.ZERO,
        Pipeline.DEFAULT_JVM_OPTIONS,
        Map.of(Pipeline.PLANNER, List.of("--drift-interval", options.driftInterval().toString())),
        Map.of(Pipeline.CRONJOB_ACTUATOR, Map.of("OPSTREAM_BACKUP_S3_SECRET", S3_SECRET)));
  }

  public LocalStack stack() {
    return stack;
  }

  public Pipeline pipeline() {
    return pipeline;
  }

  public Path dataDir() {
    return options.dataDir();
  }

  /** The values of the S3 Secret: what a backup pod needs to reach the stack's S3 server. */
  public Map<String, String> s3Settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("S3_ENDPOINT", stack.s3().endpoint().toString());
    settings.put("AWS_REGION", stack.s3().region());
    settings.put("AWS_ACCESS_KEY_ID", stack.s3().accessKey());
    settings.put("AWS_SECRET_ACCESS_KEY", stack.s3().secretKey());
    return settings;
  }

  private void createS3Secret(KubeApiServer cluster) {
    cluster
        .client()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(S3_SECRET)
                .withNamespace(NAMESPACE)
                .addToLabels("app.kubernetes.io/part-of", "opstream")
                .endMetadata()
                .withType("Opaque")
                .withData(base64(s3Settings()))
                .build())
        .create();
    LOG.info("Created Secret {}/{} in cluster {}", NAMESPACE, S3_SECRET, cluster.clusterName());
  }

  private static Map<String, String> base64(Map<String, String> values) {
    Map<String, String> encoded = new LinkedHashMap<>();
    values.forEach(
        (key, value) ->
            encoded.put(
                key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    return encoded;
  }

  /** Stops every stage, then the stack, then removes the data (unless told to keep it). */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (pipeline != null) {
        pipeline.close();
      }
    } catch (RuntimeException e) {
      LOG.warn("The pipeline did not stop cleanly", e);
    }
    try {
      stack.close();
    } catch (RuntimeException e) {
      LOG.warn("The local stack did not stop cleanly", e);
    }
    if (options.deleteDataOnClose()) {
      TempDirs.deleteRecursively(options.dataDir());
    }
  }
}
