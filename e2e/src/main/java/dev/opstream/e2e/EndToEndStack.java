package dev.opstream.e2e;

import dev.opstream.dev.StackTopics;
import dev.opstream.dev.pipeline.Pipeline;
import dev.opstream.e2e.world.ActualWorld;
import dev.opstream.e2e.world.ExpectedWorld;
import dev.opstream.e2e.world.WorldCheck;
import dev.opstream.localstack.LocalStack;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.topics.Topic;
import dev.opstream.topics.Topics;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The local stack with two clusters, opstream's topics, and every stage of the pipeline as its own
 * process, plus what a test needs around them: Deployments to write, a tap on every topic and the
 * exact-world check. One per test class.
 */
public final class EndToEndStack implements AutoCloseable {

  /** The clusters every end-to-end run has: one standing for EKS, one for a local cluster. */
  public static final List<String> CLUSTERS = List.of("eks", "local");

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  private final LocalStack stack;
  private final Pipeline pipeline;
  private final S3Client s3;
  private final Map<String, KubernetesClient> clusters;
  private final TopicTap tap;
  private final WorldCheck world;
  private final Deployments deployments;

  private EndToEndStack(
      LocalStack stack, Pipeline pipeline, S3Client s3, Map<String, KubernetesClient> clusters) {
    this.stack = stack;
    this.pipeline = pipeline;
    this.s3 = s3;
    this.clusters = clusters;
    this.tap =
        TopicTap.start(
            stack.kafka().bootstrapServers(), Topics.all().stream().map(Topic::name).toList());
    this.world =
        new WorldCheck(ExpectedWorld.Settings.defaults(), clusters, new ActualWorld(s3, clusters));
    this.deployments = new Deployments(clusters);
  }

  /**
   * Starts the stack and every stage (delete grace period 0), and waits until each is ready.
   *
   * @param dataDir where the stack's data and the stages' logs go
   * @param options how to run the stages; {@link #options(Path)} for the defaults
   */
  public static EndToEndStack start(Path dataDir, Pipeline.Options options) {
    LocalStack stack = LocalStack.start(new LocalStack.Options(dataDir.resolve("stack"), CLUSTERS));
    try {
      StackTopics.create(stack.kafka().bootstrapServers());
      Pipeline pipeline = Pipeline.start(stack, options, READY_TIMEOUT);
      Map<String, KubernetesClient> clients = new LinkedHashMap<>();
      for (KubeApiServer cluster : stack.clusters()) {
        clients.put(cluster.clusterName(), cluster.client());
      }
      return new EndToEndStack(stack, pipeline, s3Client(stack), clients);
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /** The stages' defaults with a delete grace period of 0, logs and state under {@code dataDir}. */
  public static Pipeline.Options options(Path dataDir) {
    return Pipeline.Options.of(dataDir.resolve("pipeline"), Duration.ZERO);
  }

  public LocalStack stack() {
    return stack;
  }

  public Pipeline pipeline() {
    return pipeline;
  }

  public S3Client s3() {
    return s3;
  }

  public KubernetesClient cluster(String name) {
    return clusters.get(name);
  }

  public TopicTap tap() {
    return tap;
  }

  public WorldCheck world() {
    return world;
  }

  public Deployments deployments() {
    return deployments;
  }

  /** Stops the stages (SIGTERM), then the stack. */
  @Override
  public void close() {
    try {
      pipeline.close();
    } finally {
      tap.close();
      s3.close();
      stack.close();
    }
  }

  private static S3Client s3Client(LocalStack stack) {
    return S3Client.builder()
        .httpClient(Apache5HttpClient.builder().build())
        .endpointOverride(stack.s3().endpoint())
        .region(Region.of(stack.s3().region()))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(stack.s3().accessKey(), stack.s3().secretKey())))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }
}
