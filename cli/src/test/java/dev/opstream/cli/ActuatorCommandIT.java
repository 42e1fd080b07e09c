package dev.opstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.junit.KubeApiServerExtension;
import dev.opstream.localstack.junit.S3ServerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.localstack.kube.KubeConfigFile;
import dev.opstream.localstack.s3.S3Server;
import dev.opstream.localstack.support.FreePorts;
import dev.opstream.topics.CatalogueConfig;
import dev.opstream.topics.Records;
import dev.opstream.topics.TopicCatalogue;
import dev.opstream.topics.Topics;
import dev.opstream.topics.admin.TopicAdmin;
import dev.opstream.topics.cloudevents.Sources;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.BucketSpec;
import dev.opstream.topics.records.EnsureBucket;
import dev.opstream.topics.records.OnDelete;
import dev.opstream.topics.records.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code opstream actuator bucket} and {@code redis} as processes: health, an action end to end,
 * SIGTERM.
 */
@ExtendWith({KafkaBrokerExtension.class, S3ServerExtension.class, KubeApiServerExtension.class})
class ActuatorCommandIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;

  @AfterEach
  void killProcess() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  @Test
  void bucketActuatorActsServesHealthAndMetricsAndStopsGracefullyOnSigterm(
      KafkaBroker broker, S3Server s3, @TempDir Path dir) throws Exception {
    createTopics(broker);
    String groupId = "it-actuator-" + UUID.randomUUID();
    int port = FreePorts.pick();
    Path log = dir.resolve("actuator.log");
    ProcessBuilder builder =
        actuator(
            log,
            List.of(),
            "bucket",
            "--bootstrap-servers",
            broker.bootstrapServers(),
            "--http-port",
            Integer.toString(port),
            "--shutdown-timeout",
            "PT10S");
    builder
        .environment()
        .putAll(
            Map.of(
                "S3_ENDPOINT", s3.endpoint().toString(),
                "AWS_REGION", s3.region(),
                "AWS_ACCESS_KEY_ID", s3.accessKey(),
                "AWS_SECRET_ACCESS_KEY", s3.secretKey(),
                "OPSTREAM_ACTUATOR_GROUP_ID", groupId));
    process = builder.start();

    await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(() -> get(port, "/readyz").statusCode() == 200);
    AppKey app = new AppKey("cli", "it", "app-" + UUID.randomUUID().toString().substring(0, 8));
    String bucket = "it-cli-" + UUID.randomUUID().toString().substring(0, 12);
    EnsureBucket ensure =
        EnsureBucket.of(app, "uid", new BucketSpec(bucket, OnDelete.DELETE), "cause", "test");
    RecordMetadata sent = send(broker, ensure);

    ActionResult result = awaitResult(broker, ensure);
    String metrics = get(port, "/metrics").body();
    assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(new java.io.File(s3.bucketsDir().toFile(), bucket)).isDirectory();
    assertThat(metrics)
        .contains("opstream_actuator_actions_total{kind=\"bucket\",outcome=\"CREATED\"} 1.0")
        .contains("jvm_memory_used_bytes");
    assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);

    process.destroy(); // SIGTERM

    assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(143); // 128 + SIGTERM: the JVM ran its hooks
    assertThat(Files.readString(log))
        .contains("Stopping on signal")
        .contains("The bucket actuator stopped");
    assertThat(committed(broker, groupId, sent.partition())).hasValue(sent.offset() + 1);
  }

  @Test
  void redisActuatorDeletesTheChartItExtractedWhenItStopsOnSigterm(
      KafkaBroker broker, KubeApiServer server, @TempDir Path dir) throws Exception {
    createTopics(broker);
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    int port = FreePorts.pick();
    Path log = dir.resolve("actuator.log");
    ProcessBuilder builder =
        actuator(
            log,
            List.of("-Djava.io.tmpdir=" + tmp),
            "redis",
            "--bootstrap-servers",
            broker.bootstrapServers(),
            "--kubeconfig",
            KubeConfigFile.write(dir.resolve("kubeconfig"), List.of(server)).toString(),
            "--http-port",
            Integer.toString(port),
            "--shutdown-timeout",
            "PT10S");
    builder.environment().put("OPSTREAM_ACTUATOR_GROUP_ID", "it-actuator-" + UUID.randomUUID());
    process = builder.start();

    await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(() -> get(port, "/readyz").statusCode() == 200);
    List<Path> extracted = extractedCharts(tmp);
    assertThat(extracted).hasSize(1);
    assertThat(extracted.get(0).resolve("Chart.yaml")).isRegularFile();

    process.destroy(); // SIGTERM

    assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(143);
    assertThat(Files.readString(log)).contains("The redis actuator stopped");
    assertThat(extractedCharts(tmp)).isEmpty();
  }

  @Test
  void anUnknownKindIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine commandLine = OpstreamCommand.commandLine();
    commandLine.setErr(new PrintWriter(err));

    int exitCode = commandLine.execute("actuator", "teapot");

    assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("teapot");
  }

  /**
   * {@code opstream actuator <args>} in a JVM of its own with {@code jvmOptions}, logging to log.
   */
  private static ProcessBuilder actuator(Path log, List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), OpstreamCommand.class.getName()));
    command.add("actuator");
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
  }

  private static List<Path> extractedCharts(Path tmp) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = Files.list(tmp)) {
      return files
          .filter(file -> file.getFileName().toString().startsWith("opstream-redis-chart-"))
          .toList();
    }
  }

  private static void createTopics(KafkaBroker broker) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      assertThat(
              new TopicAdmin(admin, Duration.ofSeconds(30))
                  .create(TopicCatalogue.of(CatalogueConfig.local()))
                  .matchesCatalogue())
          .isTrue();
    }
  }

  private static RecordMetadata send(KafkaBroker broker, Action action) throws Exception {
    try (KafkaProducer<AppKey, Action> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", broker.bootstrapServers()),
            Topics.ACTIONS_BUCKET.keySerde().serializer(),
            Topics.ACTIONS_BUCKET.valueSerde().serializer())) {
      return producer
          .send(
              Records.producerRecord(
                  Topics.ACTIONS_BUCKET,
                  action.app(),
                  action,
                  Sources.planner(),
                  Clock.systemUTC()))
          .get();
    }
  }

  private static ActionResult awaitResult(KafkaBroker broker, Action action) {
    try (KafkaConsumer<AppKey, ActionResult> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", broker.bootstrapServers()),
            Topics.RESULTS.keySerde().deserializer(),
            Topics.RESULTS.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          IntStream.range(0, CatalogueConfig.local().partitions())
              .mapToObj(partition -> new TopicPartition(Topics.RESULTS.name(), partition))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<ActionResult> seen = new ArrayList<>();
      return await()
          .atMost(TIMEOUT)
          .until(
              () -> {
                for (ConsumerRecord<AppKey, ActionResult> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  seen.add(record.value());
                }
                return seen.stream()
                    .filter(result -> result.actionId().equals(action.actionId()))
                    .findFirst();
              },
              Optional::isPresent)
          .orElseThrow();
    }
  }

  private static Optional<Long> committed(KafkaBroker broker, String groupId, int partition)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
      return Optional.ofNullable(
              offsets.get(new TopicPartition(Topics.ACTIONS_BUCKET.name(), partition)))
          .map(OffsetAndMetadata::offset);
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
