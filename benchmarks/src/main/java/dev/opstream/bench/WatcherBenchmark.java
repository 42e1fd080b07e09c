package dev.opstream.bench;

import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.localstack.kube.Deployments;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.localstack.kube.KubeConfigFile;
import dev.opstream.localstack.support.FreePorts;
import dev.opstream.localstack.support.TempDirs;
import dev.opstream.topics.CatalogueConfig;
import dev.opstream.topics.TopicCatalogue;
import dev.opstream.topics.Topics;
import dev.opstream.topics.admin.TopicAdmin;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.SnapshotComplete;
import dev.opstream.watcher.config.WatcherConfig;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The watcher against the local stack with 1,000 and then 10,000 Deployments: how fast it publishes
 * them all after it starts (its first list), how long an annotation edit takes to reach a consumer
 * of {@code opstream.deployments}, and the resident memory of the watcher's own JVM (a child
 * process started from this classpath with {@code -Xmx512m}; Kafka, the API server and the consumer
 * stay in this JVM).
 */
final class WatcherBenchmark implements Benchmark {

  private static final List<Integer> SIZES = List.of(1_000, 10_000);
  private static final int LATENCY_SAMPLES = 300;
  private static final String NAMESPACE = "bench";
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  @Override
  public String name() {
    return "watcher";
  }

  @Override
  public void run(Report report) throws Exception {
    Path data = TempDirs.create("opstream-bench-watcher-");
    try (KafkaBroker broker = KafkaBroker.start(data.resolve("kafka"));
        KubeApiServer kube = KubeApiServer.start("bench")) {
      createTopics(broker);
      Path kubeconfig = KubeConfigFile.write(data.resolve("kubeconfig"), List.of(kube));
      int created = 0;
      for (int size : SIZES) {
        long creating = System.nanoTime();
        createDeployments(kube.client(), created, size);
        System.err.printf(
            "created %d Deployments in %.1f s%n",
            size - created, (System.nanoTime() - creating) / 1e9);
        created = size;
        measure(report, broker, kube.client(), kubeconfig, data, size);
      }
    } finally {
      TempDirs.deleteRecursively(data);
    }
  }

  private void measure(
      Report report,
      KafkaBroker broker,
      KubernetesClient client,
      Path kubeconfig,
      Path data,
      int size)
      throws Exception {
    String cluster = "bench-" + size;
    String label = String.format("%,d Deployments", size);
    loadAverage(report, label + ": machine load average (1 min)");
    int port = FreePorts.pick();
    try (KafkaConsumer<AppKey, DeploymentEvent> consumer = consumer(broker)) {
      Process child = startWatcher(broker, kubeconfig, data, cluster, port);
      try {
        long launched = System.currentTimeMillis();
        // 1. The first list: every Deployment, then the snapshot on every partition.
        Set<AppKey> seen = new HashSet<>();
        Set<Integer> markedPartitions = new HashSet<>();
        long firstTimestamp = Long.MAX_VALUE;
        long lastTimestamp = 0;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int partitions = CatalogueConfig.local().partitions();
        while (seen.size() < size || markedPartitions.size() < partitions) {
          requireAlive(child, deadline);
          for (ConsumerRecord<AppKey, DeploymentEvent> record :
              consumer.poll(Duration.ofMillis(200))) {
            if (record.value() == null || !record.value().cluster().equals(cluster)) {
              continue;
            }
            firstTimestamp = Math.min(firstTimestamp, record.timestamp());
            lastTimestamp = Math.max(lastTimestamp, record.timestamp());
            if (record.value() instanceof DeploymentObserved observed) {
              seen.add(observed.app());
            } else if (record.value() instanceof SnapshotComplete marker) {
              markedPartitions.add(marker.partition());
            }
          }
        }
        long allOnTopic = System.currentTimeMillis();
        awaitReady(port, child, deadline);
        report.figure(label + ": launch to all on topic", allOnTopic - launched, "ms");
        report.figure(
            label + ": publish rate (first list)",
            size * 1000.0 / Math.max(1, lastTimestamp - firstTimestamp),
            "records/s");
        memory(report, label + ": watcher RSS after first list", child.pid(), "VmRSS");

        // 2. Annotation -> record on the topic, one edit at a time.
        List<Double> latencies = new ArrayList<>();
        Random random = new Random(size);
        for (int i = 0; i < LATENCY_SAMPLES; i++) {
          String name = deploymentName(random.nextInt(size));
          String value = "s" + size + "-" + i;
          long start = System.nanoTime();
          client
              .apps()
              .deployments()
              .inNamespace(NAMESPACE)
              .withName(name)
              .patch(
                  PatchContext.of(PatchType.JSON_MERGE),
                  "{\"metadata\":{\"annotations\":{\"opstream.dev/backup-schedule\":\""
                      + value
                      + "\"}}}");
          awaitValue(consumer, new AppKey(cluster, NAMESPACE, name), value, child, deadline);
          latencies.add((System.nanoTime() - start) / 1e6);
        }
        report.percentiles(label + ": annotation to record", latencies, "ms");
        memory(report, label + ": watcher RSS after edits", child.pid(), "VmRSS");
        memory(report, label + ": watcher peak RSS", child.pid(), "VmHWM");
        report.figure(label + ": watcher heap used", heapUsed(port) / (1024.0 * 1024.0), "MiB");
      } finally {
        child.destroy();
        child.waitFor();
      }
    }
  }

  private static void awaitValue(
      KafkaConsumer<AppKey, DeploymentEvent> consumer,
      AppKey app,
      String value,
      Process child,
      long deadline) {
    while (true) {
      requireAlive(child, deadline);
      for (ConsumerRecord<AppKey, DeploymentEvent> record : consumer.poll(Duration.ofMillis(50))) {
        if (app.equals(record.key())
            && record.value() instanceof DeploymentObserved observed
            && value.equals(observed.annotations().get("opstream.dev/backup-schedule"))) {
          return;
        }
      }
    }
  }

  private static void requireAlive(Process child, long deadline) {
    if (!child.isAlive()) {
      throw new IllegalStateException("the watcher exited with " + child.exitValue());
    }
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("the watcher took longer than " + TIMEOUT);
    }
  }

  private static Process startWatcher(
      KafkaBroker broker, Path kubeconfig, Path data, String cluster, int port) throws IOException {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            WatcherChild.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put(WatcherConfig.ENV_KUBECONFIG, kubeconfig.toString());
    env.put(WatcherConfig.ENV_CONTEXTS, "bench=" + cluster);
    env.put(WatcherConfig.ENV_NAMESPACES, NAMESPACE);
    env.put(WatcherConfig.ENV_BOOTSTRAP_SERVERS, broker.bootstrapServers());
    env.put(WatcherConfig.ENV_HTTP_PORT, String.valueOf(port));
    env.put(WatcherConfig.ENV_LEADER_ELECTION, "false");
    env.put(WatcherConfig.ENV_RESYNC_PERIOD, "1h");
    Path log = data.resolve(cluster + ".log");
    return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static void awaitReady(int port, Process child, long deadline) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    while (true) {
      requireAlive(child, deadline);
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
  }

  private static double heapUsed(int port) throws Exception {
    String metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher matcher =
        Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"\\} (\\S+)$", Pattern.MULTILINE)
            .matcher(metrics);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
  }

  private static void createTopics(KafkaBroker broker) {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      new TopicAdmin(admin, Duration.ofSeconds(60))
          .create(TopicCatalogue.of(CatalogueConfig.local()));
    }
  }

  private static KafkaConsumer<AppKey, DeploymentEvent> consumer(KafkaBroker broker) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    KafkaConsumer<AppKey, DeploymentEvent> consumer =
        new KafkaConsumer<>(
            config,
            Topics.DEPLOYMENTS.keySerde().deserializer(),
            Topics.DEPLOYMENTS.valueSerde().deserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.DEPLOYMENTS.name()).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    return consumer;
  }

  private static void createDeployments(KubernetesClient client, int from, int to)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Deployment>> created = new ArrayList<>();
      for (int i = from; i < to; i++) {
        Deployment deployment = deployment(deploymentName(i), i % 2 == 0);
        created.add(pool.submit(() -> client.resource(deployment).create()));
      }
      for (Future<Deployment> future : created) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static String deploymentName(int i) {
    return String.format("app-%05d", i);
  }

  private static Deployment deployment(String name, boolean enabled) {
    return Deployments.deployment(
        NAMESPACE, name, enabled ? Map.of("opstream.dev/enabled", "true") : Map.of());
  }

  /** The machine's 1-minute load average: the cores are shared, so figures depend on it. */
  private static void loadAverage(Report report, String name) {
    try {
      String loadavg = Files.readString(Path.of("/proc/loadavg"));
      report.figure(name, Double.parseDouble(loadavg.split(" ")[0]), "");
    } catch (IOException | RuntimeException e) {
      System.err.println(name + ": unavailable (" + e.getMessage() + ")");
    }
  }

  /** VmRSS or VmHWM of a process, from /proc (Linux). */
  private static void memory(Report report, String name, long pid, String field) {
    try {
      Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
          .filter(line -> line.startsWith(field + ":"))
          .findFirst()
          .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
          .ifPresent(kb -> report.figure(name, kb / 1024.0, "MiB"));
    } catch (IOException e) {
      System.err.println(name + ": unavailable (" + e.getMessage() + ")");
    }
  }
}
