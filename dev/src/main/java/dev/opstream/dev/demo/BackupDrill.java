package dev.opstream.dev.demo;

import dev.opstream.localstack.redis.RedisServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo acting as the kubelet for one app's backup: a real {@code redis-server} stands for the
 * app's Redis release (with the release's password), gets data, and the backup CronJob's container
 * runs as the spec gives it; then the backup is restored into a fresh server and compared.
 */
final class BackupDrill {

  static final int SAMPLE_KEYS = 100;
  private static final int REDIS_PORT = 6379;

  private final DemoWorld world;
  private final Path dataDir;
  private final PrintWriter out;
  private final Duration timeout;

  BackupDrill(DemoWorld world, Path dataDir, PrintWriter out, Duration timeout) {
    this.world = world;
    this.dataDir = dataDir;
    this.out = out;
    this.timeout = timeout;
  }

  /** Backs the app up through its CronJob's spec and proves the backup restores. */
  Instant run(DemoApp app) {
    SecretSource secrets = new ClusterSecrets(world.cluster(app), app.namespace());
    String password =
        secrets
            .secret(app.passwordSecret())
            .map(values -> values.get("password"))
            .orElseThrow(
                () ->
                    DemoException.permanent(
                        app.app() + ": no password in Secret " + app.passwordSecret()));
    Path redisDir = dataDir.resolve("redis").resolve(app.cluster() + "-" + app.name());
    Instant startedAt = Instant.now();
    try (RedisServer release = RedisServer.start(redisDir.resolve("release"), password);
        RedisServer fresh = RedisServer.start(redisDir.resolve("restored"), password)) {
      out.printf(
          "  %s: a real redis-server %s stands for release %s (password from Secret %s)%n",
          app.app(), release.uri(), app.release(), app.passwordSecret());
      String digest;
      long keys;
      try (RedisData data = new RedisData(release.host(), release.port(), password)) {
        data.writeSample(app.name(), SAMPLE_KEYS);
        keys = data.size();
        digest = data.digest();
      }
      out.printf("    wrote %d keys, DEBUG DIGEST %s%n", keys, digest);

      LocalPodCommand backup = backupCommand(app, secrets, release);
      Kubelet.Run run = Kubelet.run(backup, logFile(app, "backup"), timeout);
      printRun("backup run", run);
      if (run.exitCode() != 0) {
        throw DemoException.permanent(
            app.app() + ": the CronJob's command exited " + run.exitCode() + "; see " + run.log());
      }
      List<String> objects = world.objects(app.bucket(), "backups/");
      if (objects.stream().noneMatch(key -> key.endsWith("/manifest.json"))) {
        throw DemoException.permanent(
            app.app() + ": no backup manifest in bucket " + app.bucket() + ": " + objects);
      }
      out.printf("    in bucket %s: %s%n", app.bucket(), String.join(", ", objects));

      LocalPodCommand restore = restoreCommand(app, backup, fresh);
      out.printf("    restore: opstream %s%n", String.join(" ", tail(restore)));
      Kubelet.Run restored = Kubelet.run(restore, logFile(app, "restore"), timeout);
      printRun("backup restore", restored);
      if (restored.exitCode() != 0) {
        throw DemoException.permanent(
            app.app() + ": the restore exited " + restored.exitCode() + "; see " + restored.log());
      }
      try (RedisData data = new RedisData(fresh.host(), fresh.port(), password)) {
        long restoredKeys = data.size();
        String restoredDigest = data.digest();
        if (restoredKeys != keys || !restoredDigest.equals(digest)) {
          throw DemoException.permanent(
              app.app()
                  + ": the restored server differs: "
                  + restoredKeys
                  + " keys, digest "
                  + restoredDigest
                  + " (wanted "
                  + keys
                  + ", "
                  + digest
                  + ")");
        }
        out.printf(
            "    restored into a fresh redis-server %s: %d keys, DEBUG DIGEST %s: equal%n",
            fresh.uri(), restoredKeys, restoredDigest);
      }
    }
    out.flush();
    return startedAt;
  }

  private LocalPodCommand backupCommand(DemoApp app, SecretSource secrets, RedisServer release) {
    CronJob cronJob =
        world
            .cluster(app)
            .batch()
            .v1()
            .cronjobs()
            .inNamespace(app.namespace())
            .withName(app.cronJob())
            .get();
    if (cronJob == null) {
      throw DemoException.permanent(app.app() + ": CronJob " + app.cronJob() + " is gone");
    }
    List<Container> containers =
        cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers();
    if (containers.size() != 1) {
      throw DemoException.permanent(
          app.app() + ": the CronJob has " + containers.size() + " containers, expected one");
    }
    Container container = containers.get(0);
    List<String> words = new ArrayList<>(nullToEmpty(container.getCommand()));
    words.addAll(nullToEmpty(container.getArgs()));
    out.printf(
        "    CronJob %s, container %s (image %s), as the spec gives it:%n      %s%n",
        app.cronJob(), container.getName(), container.getImage(), String.join(" ", words));
    String serviceAddress = app.release() + "." + app.namespace() + ".svc:" + REDIS_PORT;
    LocalPodCommand local =
        PodCommands.localize(
            container,
            serviceAddress,
            release.host() + ":" + release.port(),
            secrets,
            Kubelet.opstreamLauncher());
    for (int i = 0; i < local.substitutions().size(); i++) {
      out.printf("    substitution %d: %s%n", i + 1, local.substitutions().get(i));
    }
    out.printf(
        "    runs as a child process: opstream = %s, with only the spec's environment%n",
        Kubelet.describeLauncher());
    out.flush();
    return local;
  }

  /** {@code opstream backup restore} of the newest backup, with the backup pod's environment. */
  private static LocalPodCommand restoreCommand(
      DemoApp app, LocalPodCommand backup, RedisServer fresh) {
    List<String> argv = new ArrayList<>(Kubelet.opstreamLauncher());
    argv.addAll(
        List.of(
            "backup",
            "restore",
            "--redis",
            fresh.uri(),
            "--bucket",
            app.bucket(),
            "--prefix",
            "backups/",
            "--backup",
            "latest"));
    return new LocalPodCommand(argv, Map.copyOf(backup.environment()), List.of());
  }

  private void printRun(String what, Kubelet.Run run) {
    out.printf("    %s exited %d:%n", what, run.exitCode());
    for (String line : run.summaryLines()) {
      out.printf("      %s%n", line);
    }
    out.flush();
  }

  private Path logFile(DemoApp app, String what) {
    return dataDir
        .resolve("kubelet")
        .resolve(app.cluster() + "-" + app.name() + "-" + what + ".log");
  }

  private static List<String> tail(LocalPodCommand command) {
    List<String> argv = command.argv();
    return argv.subList(Kubelet.opstreamLauncher().size(), argv.size());
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
