package dev.opstream.bench;

import dev.opstream.e2e.Apps;
import dev.opstream.e2e.EndToEndStack;
import dev.opstream.e2e.TopicTap;
import dev.opstream.e2e.world.AppIntent;
import dev.opstream.localstack.support.TempDirs;
import dev.opstream.topics.Topics;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The whole pipeline, every stage its own process, on the local stack with two clusters:
 *
 * <ul>
 *   <li><b>convergence</b>: N Deployments annotated {@code opstream.dev/enabled: "true"} written at
 *       once, until every app's backup CronJob is reported created (the last step of an app), then
 *       confirmed by the exact-world check;
 *   <li><b>decision latency</b>: then {@value #LATENCY_SAMPLES} more Deployments, already observed,
 *       are annotated one by one at {@value #PACE_PER_SECOND}/s; for each, the time from the
 *       annotation being written (the API server answered) to both ensure actions (bucket and
 *       Redis) being readable ({@code read_committed}) on their topics.
 * </ul>
 *
 * Sizes: {@code -Dbench.e2e.apps=200,1000} (the default).
 */
final class EndToEndBenchmark implements Benchmark {

  private static final int LATENCY_SAMPLES = 200;
  private static final int PACE_PER_SECOND = 10;
  private static final Duration CONVERGE = Duration.ofMinutes(30);
  private static final List<String> NAMESPACES = List.of("shop", "search", "billing", "default");

  @Override
  public String name() {
    return "e2e";
  }

  @Override
  public void run(Report report) throws Exception {
    for (String size : System.getProperty("bench.e2e.apps", "200,1000").split(",")) {
      runOnce(report, Integer.parseInt(size.trim()));
    }
  }

  private void runOnce(Report report, int apps) throws Exception {
    Path data = TempDirs.create("opstream-bench-e2e-");
    report.note("-- " + apps + " apps; load average at start: " + loadAverage());
    try (EndToEndStack e2e = EndToEndStack.start(data, EndToEndStack.options(data))) {
      List<AppKey> idle = new ArrayList<>();
      for (int i = 1; i <= LATENCY_SAMPLES; i++) {
        AppKey app = new AppKey(EndToEndStack.CLUSTERS.get(i % 2), "latency", "late" + i);
        e2e.deployments().create(app, Apps.unannotated(i));
        idle.add(app);
      }
      e2e.world().awaitExact(CONVERGE);

      Set<AppKey> enabled = new HashSet<>();
      Instant started = Instant.now();
      for (int i = 1; i <= apps; i++) {
        AppKey app =
            new AppKey(
                EndToEndStack.CLUSTERS.get(i % 2),
                NAMESPACES.get(i / 2 % NAMESPACES.size()),
                "app" + i);
        e2e.deployments().create(app, Apps.enabled(i));
        enabled.add(app);
      }
      Instant written = Instant.now();
      Instant lastCronJob = awaitCronJobsCreated(e2e.tap(), enabled, started.plus(CONVERGE));
      e2e.world().awaitExact(CONVERGE);
      report.figure(apps + " apps: Deployments written", millis(started, written) / 1000, "s");
      report.figure(
          apps + " apps: annotated -> every CronJob created",
          millis(started, lastCronJob) / 1000,
          "s");
      report.figure(
          apps + " apps: convergence rate", apps / (millis(started, lastCronJob) / 1000), "apps/s");
      report.note(apps + " apps: the exact-world check then found the world exactly as asked");
      report.note("load average after convergence: " + loadAverage());

      List<Double> latencies = decisionLatencies(e2e, idle);
      report.percentiles(
          apps + " apps: annotation -> both ensure actions on topics", latencies, "ms");
      report.note("load average at the end: " + loadAverage());
    } finally {
      TempDirs.deleteRecursively(data);
    }
  }

  /** Waits until every app's CronJob ensure is reported done; returns when the last was seen. */
  private static Instant awaitCronJobsCreated(TopicTap tap, Set<AppKey> apps, Instant deadline)
      throws InterruptedException {
    Map<AppKey, Instant> done = new HashMap<>();
    int read = 0;
    while (done.size() < apps.size()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "only " + done.size() + " of " + apps.size() + " CronJobs were created in time");
      }
      List<TopicTap.Seen> results = tap.records(Topics.RESULTS.name());
      for (TopicTap.Seen seen : results.subList(read, results.size())) {
        result(seen)
            .filter(r -> r.kind() == ActionKind.CRONJOB)
            .filter(r -> r.outcome() == Outcome.CREATED || r.outcome() == Outcome.NOOP)
            .filter(r -> apps.contains(r.app()))
            .ifPresent(r -> done.putIfAbsent(r.app(), seen.seenAt()));
      }
      read = results.size();
      Thread.sleep(200);
    }
    return done.values().stream().max(Instant::compareTo).orElseThrow();
  }

  private static List<Double> decisionLatencies(EndToEndStack e2e, List<AppKey> apps)
      throws InterruptedException {
    Map<AppKey, Instant> annotatedAt = new HashMap<>();
    long intervalNanos = 1_000_000_000L / PACE_PER_SECOND;
    long next = System.nanoTime();
    for (AppKey app : apps) {
      while (System.nanoTime() < next) {
        Thread.sleep(1);
      }
      next += intervalNanos;
      e2e.deployments().annotate(app, Map.of(AppIntent.ENABLED, "true"));
      annotatedAt.put(app, Instant.now());
    }
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    List<Double> latencies = new ArrayList<>();
    for (AppKey app : apps) {
      Optional<Instant> bucket;
      Optional<Instant> redis;
      do {
        bucket = firstSeen(e2e.tap(), Topics.ACTIONS_BUCKET.name(), app);
        redis = firstSeen(e2e.tap(), Topics.ACTIONS_REDIS.name(), app);
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("no ensure actions for " + app);
        }
        if (bucket.isEmpty() || redis.isEmpty()) {
          Thread.sleep(100);
        }
      } while (bucket.isEmpty() || redis.isEmpty());
      Instant both = bucket.get().isAfter(redis.get()) ? bucket.get() : redis.get();
      latencies.add(millis(annotatedAt.get(app), both));
    }
    e2e.world().awaitExact(CONVERGE);
    return latencies;
  }

  private static Optional<Instant> firstSeen(TopicTap tap, String topic, AppKey app) {
    byte[] key = app.toString().getBytes(StandardCharsets.UTF_8);
    return tap.records(topic, r -> java.util.Arrays.equals(r.key(), key)).stream()
        .map(TopicTap.Seen::seenAt)
        .findFirst();
  }

  private static Optional<ActionResult> result(TopicTap.Seen seen) {
    try {
      return Optional.ofNullable(
          Topics.RESULTS
              .valueSerde()
              .deserializer()
              .deserialize(Topics.RESULTS.name(), seen.record().value()));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  private static double millis(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e6;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "unavailable";
    }
  }
}
