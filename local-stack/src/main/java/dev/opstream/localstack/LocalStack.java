package dev.opstream.localstack;

import static java.util.concurrent.CompletableFuture.supplyAsync;

import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.localstack.kube.KubeConfigFile;
import dev.opstream.localstack.s3.S3Server;
import dev.opstream.localstack.support.LocalStackException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Every shared server of the local stack, started together: one Kafka broker, one S3 server and one
 * Kubernetes API server per cluster, with a kubeconfig that has a context per cluster. Redis
 * servers are not shared (each app gets its own), so they are started where they are needed.
 */
public final class LocalStack implements AutoCloseable {

  /** What to start: where the data lives and the names of the clusters to stand up. */
  public record Options(Path dataDir, List<String> clusterNames) {
    public Options {
      if (clusterNames.isEmpty()) {
        throw new IllegalArgumentException("the local stack needs at least one cluster");
      }
      clusterNames = List.copyOf(clusterNames);
    }
  }

  private final KafkaBroker kafka;
  private final S3Server s3;
  private final List<KubeApiServer> clusters;
  private final Path kubeconfig;

  private LocalStack(
      KafkaBroker kafka, S3Server s3, List<KubeApiServer> clusters, Path kubeconfig) {
    this.kafka = kafka;
    this.s3 = s3;
    this.clusters = List.copyOf(clusters);
    this.kubeconfig = kubeconfig;
  }

  /** Starts every server in parallel; if one fails, stops the others and rethrows. */
  public static LocalStack start(Options options) {
    Path data = options.dataDir();
    ExecutorService starters = Executors.newCachedThreadPool();
    try {
      return start(options, data, starters);
    } finally {
      starters.shutdown();
    }
  }

  private static LocalStack start(Options options, Path data, Executor starters) {
    var kafka = supplyAsync(() -> KafkaBroker.start(data.resolve("kafka")), starters);
    var s3 = supplyAsync(() -> S3Server.start(data.resolve("s3")), starters);
    List<CompletableFuture<KubeApiServer>> clusters = new ArrayList<>();
    for (String name : options.clusterNames()) {
      clusters.add(supplyAsync(() -> KubeApiServer.start(name), starters));
    }
    List<CompletableFuture<? extends AutoCloseable>> all = new ArrayList<>(clusters);
    all.add(kafka);
    all.add(s3);
    try {
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      closeStarted(all);
      throw new LocalStackException("the local stack did not start", e.getCause());
    }
    List<KubeApiServer> kubeServers = clusters.stream().map(CompletableFuture::join).toList();
    Path kubeconfig = KubeConfigFile.write(data.resolve("kubeconfig"), kubeServers);
    return new LocalStack(kafka.join(), s3.join(), kubeServers, kubeconfig);
  }

  public KafkaBroker kafka() {
    return kafka;
  }

  public S3Server s3() {
    return s3;
  }

  public List<KubeApiServer> clusters() {
    return clusters;
  }

  /** The API server standing for the named cluster. */
  public KubeApiServer cluster(String name) {
    return clusters.stream()
        .filter(cluster -> cluster.clusterName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no cluster named " + name));
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  /**
   * The endpoints as the environment variables that stock clients read (kubectl, the AWS CLI) and
   * the opstream commands take, in a stable order.
   */
  public Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("KUBECONFIG", kubeconfig.toString());
    environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    environment.put("S3_ENDPOINT", s3.endpoint().toString());
    environment.put("AWS_ACCESS_KEY_ID", s3.accessKey());
    environment.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
    environment.put("AWS_REGION", s3.region());
    return environment;
  }

  /** Stops every server, the clusters first and Kafka last. */
  @Override
  public void close() {
    List<AutoCloseable> stopOrder = new ArrayList<>(clusters);
    stopOrder.add(s3);
    stopOrder.add(kafka);
    Closer.closeAll(stopOrder);
  }

  private static void closeStarted(List<CompletableFuture<? extends AutoCloseable>> servers) {
    List<AutoCloseable> started = new ArrayList<>();
    for (var server : servers) {
      if (server.isDone() && !server.isCompletedExceptionally()) {
        started.add(server.join());
      }
    }
    Closer.closeAll(started);
  }
}
