package dev.opstream.bench;

import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.topics.CatalogueConfig;
import dev.opstream.topics.Records;
import dev.opstream.topics.Topic;
import dev.opstream.topics.TopicCatalogue;
import dev.opstream.topics.Topics;
import dev.opstream.topics.admin.TopicAdmin;
import dev.opstream.topics.cloudevents.CloudEventHeaders;
import dev.opstream.topics.cloudevents.Sources;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.Annotations;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.BackupCronJobSpec;
import dev.opstream.topics.records.BucketSpec;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.EnsureBackupCronJob;
import dev.opstream.topics.records.EnsureBucket;
import dev.opstream.topics.records.EnsureRedis;
import dev.opstream.topics.records.OnDelete;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.RedisSpec;
import dev.opstream.topics.records.ResourceState;
import dev.opstream.topics.records.VersionedRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code opstream replay} over a million records: 20,000 apps, each going through 7 cycles of a
 * change observed → bucket and Redis ensures → their results → the CronJob ensure → its result,
 * plus a last observation (7 records per cycle, 50 per app), written to the real topics of an
 * in-process broker. The replay runs in its own JVM ({@code -Xmx256m}) reading everything with
 * JSON-lines output, and reports time, records/s and peak RSS and heap.
 */
final class ReplayBenchmark implements Benchmark {

  private static final int APPS = 20_000;
  private static final int CYCLES = 7;

  /**
   * The replay JVM's heap: {@code -Xmx256m}, or {@code $OPSTREAM_BENCH_REPLAY_HEAP} (e.g. 128m).
   */
  private static final String HEAP =
      "-Xmx" + System.getenv().getOrDefault("OPSTREAM_BENCH_REPLAY_HEAP", "256m");

  /**
   * Load average when the replay started: the machine is shared, so figures need it beside them.
   */
  private static void load(Report report, String name) {
    try {
      String loadavg = Files.readString(Path.of("/proc/loadavg"));
      report.figure(name, Double.parseDouble(loadavg.split(" ")[0]), "");
    } catch (java.io.IOException | RuntimeException e) {
      System.err.println(name + ": unavailable (" + e.getMessage() + ")");
    }
  }

  @Override
  public String name() {
    return "replay";
  }

  @Override
  public void run(Report report) throws Exception {
    Path data = Files.createTempDirectory("opstream-bench-replay-");
    try (KafkaBroker broker = KafkaBroker.start(data.resolve("kafka"))) {
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        new TopicAdmin(admin, Duration.ofSeconds(60))
            .create(TopicCatalogue.of(CatalogueConfig.local()));
      }
      long started = System.nanoTime();
      long written = write(broker.bootstrapServers());
      double writeSeconds = (System.nanoTime() - started) / 1e9;
      report.figure("records written", written, "");
      report.figure("write rate", written / writeSeconds, "rec/s");
      for (String format : List.of("JSON", "TABLE")) {
        String label = "replay 1M " + HEAP + ", " + format.toLowerCase() + " output";
        load(report, label + ": load average at start");
        Map<String, String> measure = child(broker.bootstrapServers(), format, data);
        double seconds = Double.parseDouble(measure.get("seconds"));
        report.figure(label + ": records read", Double.parseDouble(measure.get("records")), "");
        report.figure(label + ": chains", Double.parseDouble(measure.get("chains")), "");
        report.figure(label + ": time", seconds, "s");
        report.figure(
            label + ": rate", Double.parseDouble(measure.get("records")) / seconds, "rec/s");
        report.figure(label + ": peak RSS", Double.parseDouble(measure.get("rssPeakMiB")), "MiB");
        report.figure(
            label + ": peak heap used", Double.parseDouble(measure.get("heapPeakMiB")), "MiB");
        report.figure(
            label + ": peak heap left after a GC",
            Double.parseDouble(measure.get("liveHeapPeakMiB")),
            "MiB");
        report.figure(
            label + ": output", Double.parseDouble(measure.get("bytes")) / 1024 / 1024, "MiB");
      }
    }
  }

  private static long write(String bootstrap) throws Exception {
    Instant base = Instant.parse("2026-11-20T00:00:00Z");
    long count = 0;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "1",
                ProducerConfig.LINGER_MS_CONFIG,
                "20",
                ProducerConfig.BATCH_SIZE_CONFIG,
                "262144",
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (int cycle = 0; cycle <= CYCLES; cycle++) {
        for (int i = 0; i < APPS; i++) {
          AppKey app = new AppKey("bench", "ns-" + (i % 50), "app-" + i);
          Instant at = base.plus(Duration.ofHours(cycle)).plusMillis(i * 10L);
          String memory = (256 + cycle) + "Mi";
          String observedId =
              send(producer, Topics.DEPLOYMENTS, app, observed(app, memory, at), at);
          count++;
          if (cycle == CYCLES) {
            continue;
          }
          String uid = "uid-" + i;
          String bucketName = "opstream-bench-" + i;
          Action bucket =
              EnsureBucket.of(
                  app,
                  uid,
                  new BucketSpec(bucketName, OnDelete.DELETE),
                  observedId,
                  "bucket " + bucketName + " is wanted: the app is enabled");
          Action redis =
              EnsureRedis.of(
                  app,
                  uid,
                  new RedisSpec("app-" + i + "-redis", memory, "app-" + i + "-redis-auth"),
                  observedId,
                  "Redis release app-" + i + "-redis changed: memory " + memory);
          String bucketId = send(producer, bucket.kind().topic(), app, bucket, at);
          String redisId = send(producer, redis.kind().topic(), app, redis, at);
          send(
              producer,
              Topics.RESULTS,
              app,
              result(bucket, bucketId, at.plusMillis(3)),
              at.plusMillis(3));
          String redisResult =
              send(
                  producer,
                  Topics.RESULTS,
                  app,
                  result(redis, redisId, at.plusMillis(5)),
                  at.plusMillis(5));
          Action cronJob =
              EnsureBackupCronJob.of(
                  app,
                  uid,
                  new BackupCronJobSpec(
                      "app-" + i + "-redis-backup",
                      "@daily",
                      null,
                      7,
                      bucketName,
                      "app-" + i + "-redis"),
                  redisResult,
                  "backup CronJob is wanted: the app is enabled");
          String cronId = send(producer, cronJob.kind().topic(), app, cronJob, at.plusMillis(5));
          send(
              producer,
              Topics.RESULTS,
              app,
              result(cronJob, cronId, at.plusMillis(8)),
              at.plusMillis(8));
          count += 6;
        }
      }
      producer.flush();
    }
    return count;
  }

  private static DeploymentEvent observed(AppKey app, String memory, Instant at) {
    return DeploymentObserved.of(
        app,
        "uid-" + app.name().substring(4),
        "rv-" + at.toEpochMilli(),
        1,
        Map.of(Annotations.ENABLED, "true", Annotations.REDIS_MEMORY, memory),
        Map.of("app", app.name()),
        at);
  }

  private static ActionResult result(Action action, String causedBy, Instant at) {
    return ActionResult.of(
        action, Outcome.CREATED, ResourceState.managed(Map.of()), null, causedBy, at);
  }

  /** Sends one record as its stage would (CloudEvents headers), returning its ce_id. */
  private static <V extends VersionedRecord> String send(
      KafkaProducer<byte[], byte[]> producer,
      Topic<AppKey, ? super V> topic,
      AppKey key,
      V value,
      Instant at)
      throws Exception {
    @SuppressWarnings("unchecked")
    Topic<AppKey, V> typed = (Topic<AppKey, V>) topic;
    ProducerRecord<AppKey, V> record =
        Records.producerRecord(
            typed, key, value, Sources.planner(), Clock.fixed(at, ZoneOffset.UTC));
    producer.send(
        new ProducerRecord<>(
            typed.name(),
            null,
            record.timestamp(),
            key.toString().getBytes(StandardCharsets.UTF_8),
            typed.valueSerde().serializer().serialize(typed.name(), value),
            record.headers()));
    return CloudEventHeaders.id(record.headers()).orElseThrow();
  }

  private static Map<String, String> child(String bootstrap, String format, Path data)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(HEAP);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ReplayChild.class.getName());
    command.add(bootstrap);
    command.add(format);
    Path log = data.resolve("replay-" + format + ".log");
    Process child =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!child.waitFor(30, TimeUnit.MINUTES) || child.exitValue() != 0) {
      child.destroyForcibly();
      throw new IllegalStateException("replay child failed: " + Files.readString(log));
    }
    String line =
        Files.readAllLines(log).stream()
            .filter(l -> l.startsWith("#measure "))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no figures in " + log));
    Map<String, String> figures = new java.util.HashMap<>();
    for (String part : line.substring("#measure ".length()).split(" ")) {
      String[] kv = part.split("=", 2);
      figures.put(kv[0], kv[1]);
    }
    return figures;
  }
}
