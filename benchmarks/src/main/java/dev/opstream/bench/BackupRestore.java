package dev.opstream.bench;

import dev.opstream.localstack.redis.RedisServer;
import dev.opstream.localstack.s3.S3Server;
import dev.opstream.localstack.support.TempDirs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code opstream backup run} and {@code restore} of 100k mixed keys and of 1M small keys, in both
 * modes, each in its own JVM ({@code -Xmx96m}) as a CronJob runs it: seconds, keys per second, the
 * compressed object's size, the client's peak RSS and heap. Beside it, {@code redis-cli --rdb} plus
 * an upload of the file, on the same data in the same run.
 */
final class BackupRestore implements Benchmark {

  private static final Pattern MEASURE =
      Pattern.compile(
          "#measure exit=(\\d+) seconds=([0-9.]+) rssPeakMiB=([0-9.]+) heapPeakMiB=([0-9.]+)");
  private static final String HEAP = "-Xmx96m";

  @Override
  public String name() {
    return "backup";
  }

  /** Logging as the production CLI has it (cli/src/main/resources/logback.xml). */
  private static final String LOGBACK =
      """
      <configuration>
        <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
          <target>System.err</target>
          <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n</pattern></encoder>
        </appender>
        <logger name="dev.opstream" level="INFO"/>
        <root level="WARN"><appender-ref ref="STDERR"/></root>
      </configuration>
      """;

  private Path logbackConfig;

  @Override
  public void run(Report report) throws Exception {
    Path data = TempDirs.create("opstream-bench-backup-");
    logbackConfig = Files.writeString(data.resolve("logback.xml"), LOGBACK);
    try (S3Server s3 = S3Server.start(data.resolve("s3"));
        S3Client client = client(s3)) {
      dataset(report, s3, client, data, "100k mixed keys", 100_000, BackupRestore::loadMixed);
      dataset(report, s3, client, data, "1M small keys", 1_000_000, BackupRestore::loadSmall);
    } finally {
      TempDirs.deleteRecursively(data);
    }
  }

  private interface Loader {
    void load(StatefulRedisConnection<String, String> redis, int keys) throws Exception;
  }

  private void dataset(
      Report report, S3Server s3, S3Client client, Path data, String name, int keys, Loader loader)
      throws Exception {
    try (RedisServer source = RedisServer.start(data.resolve(name.replace(' ', '-') + "-source"))) {
      String digest;
      RedisClient redisClient = RedisClient.create(RedisURI.create(source.uri()));
      try (StatefulRedisConnection<String, String> redis = redisClient.connect()) {
        loader.load(redis, keys);
        digest = digest(redis);
        report.figure(name + ": keys loaded", totalKeys(redis), "keys");
        report.figure(
            name + ": Redis used_memory",
            Long.parseLong(info(redis, "used_memory")) / 1024.0 / 1024.0,
            "MiB");
      } finally {
        redisClient.shutdown();
      }
      for (String mode : List.of("scan", "rdb")) {
        String bucket = ("bench-" + mode + "-" + keys).toLowerCase(Locale.ROOT);
        client.createBucket(create -> create.bucket(bucket));
        Map<String, String> env = env(s3);
        Measure backup =
            child(
                env,
                "run",
                "--redis",
                source.uri(),
                "--bucket",
                bucket,
                "--prefix",
                "backups/",
                "--mode",
                mode);
        long size = dataObjectSize(client, bucket);
        String label = name + " " + mode;
        report.figure(label + " backup", backup.seconds, "s");
        report.figure(label + " backup rate", keys / backup.seconds, "keys/s");
        report.figure(label + " object size", size / 1024.0 / 1024.0, "MiB");
        report.figure(label + " backup client peak RSS", backup.rssMiB, "MiB");
        report.figure(label + " backup client peak heap", backup.heapMiB, "MiB");
        try (RedisServer target =
            RedisServer.start(data.resolve(name.replace(' ', '-') + "-" + mode + "-target"))) {
          Measure restore =
              child(
                  env,
                  "restore",
                  "--redis",
                  target.uri(),
                  "--bucket",
                  bucket,
                  "--prefix",
                  "backups/",
                  "--flush");
          report.figure(label + " restore", restore.seconds, "s");
          report.figure(label + " restore rate", keys / restore.seconds, "keys/s");
          report.figure(label + " restore client peak RSS", restore.rssMiB, "MiB");
          report.figure(label + " restore client peak heap", restore.heapMiB, "MiB");
          RedisClient targetClient = RedisClient.create(RedisURI.create(target.uri()));
          try (StatefulRedisConnection<String, String> redis = targetClient.connect()) {
            if (!digest.equals(digest(redis))) {
              throw new IllegalStateException(label + ": the restored DEBUG DIGEST differs");
            }
          } finally {
            targetClient.shutdown();
          }
        }
      }
      baseline(report, name, source, client, data);
    }
  }

  /** redis-cli --rdb to a file, then one PUT of it: what a shell-script backup would do. */
  private void baseline(Report report, String name, RedisServer source, S3Client client, Path data)
      throws Exception {
    Path rdb = data.resolve("baseline.rdb");
    String bucket = ("bench-baseline-" + name.replaceAll("[^a-z0-9]", "")).toLowerCase();
    client.createBucket(create -> create.bucket(bucket));
    long started = System.nanoTime();
    Process cli =
        new ProcessBuilder(
                "redis-cli",
                "-h",
                source.host(),
                "-p",
                Integer.toString(source.port()),
                "--rdb",
                rdb.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!cli.waitFor(10, TimeUnit.MINUTES) || cli.exitValue() != 0) {
      throw new IllegalStateException("redis-cli --rdb failed: " + output);
    }
    double dumped = (System.nanoTime() - started) / 1e9;
    client.putObject(put -> put.bucket(bucket).key("dump.rdb"), RequestBody.fromFile(rdb));
    double total = (System.nanoTime() - started) / 1e9;
    report.figure(name + " redis-cli --rdb", dumped, "s");
    report.figure(name + " redis-cli --rdb + upload", total, "s");
    report.figure(name + " redis-cli RDB size", Files.size(rdb) / 1024.0 / 1024.0, "MiB");
    Files.delete(rdb);
  }

  private Measure child(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(HEAP);
    command.add("-Dlogback.configurationFile=" + logbackConfig);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MeasuredBackup.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    Path log = Files.createTempFile("opstream-bench-backup-", ".log");
    builder.redirectError(log.toFile());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    String err = Files.readString(log);
    Files.delete(log);
    Matcher matcher = MEASURE.matcher(out);
    if (!matcher.find() || !matcher.group(1).equals("0")) {
      throw new IllegalStateException(
          "backup " + String.join(" ", args) + " failed:\n" + out + "\n" + err);
    }
    if (Boolean.getBoolean("bench.verbose")) {
      System.err.print(err);
    }
    return new Measure(
        Double.parseDouble(matcher.group(2)),
        Double.parseDouble(matcher.group(3)),
        Double.parseDouble(matcher.group(4)));
  }

  private record Measure(double seconds, double rssMiB, double heapMiB) {}

  private static long dataObjectSize(S3Client client, String bucket) {
    return client.listObjectsV2Paginator(list -> list.bucket(bucket)).contents().stream()
        .filter(object -> object.key().endsWith(".zst"))
        .mapToLong(S3Object::size)
        .sum();
  }

  private static Map<String, String> env(S3Server s3) {
    Map<String, String> env = new HashMap<>();
    env.put("S3_ENDPOINT", s3.endpoint().toString());
    env.put("AWS_REGION", s3.region());
    env.put("AWS_ACCESS_KEY_ID", s3.accessKey());
    env.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
    return env;
  }

  private static S3Client client(S3Server s3) {
    return S3Client.builder()
        .httpClient(Apache5HttpClient.create())
        .endpointOverride(s3.endpoint())
        .forcePathStyle(true)
        .region(Region.of(s3.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .build();
  }

  /** 1M string keys of 16 bytes, with DEBUG POPULATE. */
  private static void loadSmall(StatefulRedisConnection<String, String> redis, int keys) {
    redis
        .sync()
        .dispatch(
            CommandType.DEBUG,
            new StatusOutput<>(StringCodec.UTF8),
            new CommandArgs<>(StringCodec.UTF8).add("POPULATE").add(keys).add("key").add(16));
  }

  /**
   * Mixed keys, pipelined: 40% strings (16-512 bytes), 20% hashes (10 fields), 15% lists (20
   * items), 10% sets (10 members), 10% sorted sets (10 members), 5% streams (5 entries); one in ten
   * expires in a day; spread over databases 0-3.
   */
  private static void loadMixed(StatefulRedisConnection<String, String> redis, int keys)
      throws Exception {
    Random random = new Random(1);
    redis.setAutoFlushCommands(false);
    RedisAsyncCommands<String, String> async = redis.async();
    List<RedisFuture<?>> pending = new ArrayList<>();
    int database = -1;
    for (int i = 0; i < keys; i++) {
      int db = i * 4 / keys;
      if (db != database) {
        database = db;
        pending.add(async.select(db));
      }
      String key = "k:" + i;
      int kind = random.nextInt(100);
      if (kind < 40) {
        byte[] value = new byte[16 + random.nextInt(497)];
        for (int b = 0; b < value.length; b++) {
          value[b] = (byte) ('a' + random.nextInt(26));
        }
        pending.add(async.set(key, new String(value, StandardCharsets.US_ASCII)));
      } else if (kind < 60) {
        Map<String, String> fields = new HashMap<>();
        for (int f = 0; f < 10; f++) {
          fields.put("field" + f, "value" + random.nextInt(1_000_000));
        }
        pending.add(async.hset(key, fields));
      } else if (kind < 75) {
        String[] items = new String[20];
        for (int n = 0; n < items.length; n++) {
          items[n] = "item" + random.nextInt(1_000_000);
        }
        pending.add(async.rpush(key, items));
      } else if (kind < 85) {
        String[] members = new String[10];
        for (int n = 0; n < members.length; n++) {
          members[n] = "member" + random.nextInt(1_000_000);
        }
        pending.add(async.sadd(key, members));
      } else if (kind < 95) {
        for (int n = 0; n < 10; n++) {
          pending.add(async.zadd(key, random.nextDouble(), "m" + n));
        }
      } else {
        for (int n = 0; n < 5; n++) {
          pending.add(async.xadd(key, Map.of("n", Integer.toString(n))));
        }
      }
      if (random.nextInt(10) == 0) {
        pending.add(async.expire(key, Duration.ofDays(1)));
      }
      if (pending.size() >= 5_000) {
        redis.flushCommands();
        for (RedisFuture<?> future : pending) {
          future.get(1, TimeUnit.MINUTES);
        }
        pending.clear();
      }
    }
    redis.flushCommands();
    for (RedisFuture<?> future : pending) {
      future.get(1, TimeUnit.MINUTES);
    }
    redis.setAutoFlushCommands(true);
    redis.sync().select(0);
  }

  private static String digest(StatefulRedisConnection<String, String> redis) {
    return redis
        .sync()
        .dispatch(
            CommandType.DEBUG,
            new StatusOutput<>(StringCodec.UTF8),
            new CommandArgs<>(StringCodec.UTF8).add("DIGEST"));
  }

  private static long totalKeys(StatefulRedisConnection<String, String> redis) {
    return redis
        .sync()
        .info("keyspace")
        .lines()
        .filter(line -> line.startsWith("db"))
        .mapToLong(line -> Long.parseLong(line.replaceAll("^db\\d+:keys=(\\d+),.*$", "$1")))
        .sum();
  }

  private static String info(StatefulRedisConnection<String, String> redis, String field) {
    return redis
        .sync()
        .info("memory")
        .lines()
        .filter(line -> line.startsWith(field + ":"))
        .map(line -> line.substring(field.length() + 1).trim())
        .findFirst()
        .orElse("0");
  }
}
