package dev.opstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.e2e.world.AppIntent;
import dev.opstream.e2e.world.Resource;
import dev.opstream.e2e.world.World;
import dev.opstream.topics.records.AppKey;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 200 apps across two clusters converge to exactly the world their annotations ask for, then half
 * of them go away (some un-annotated, some deleted) and the world is exactly as asked again. Every
 * stage runs as its own process.
 */
class ConvergeAndTearDownIT {

  private static final Logger LOG = LoggerFactory.getLogger(ConvergeAndTearDownIT.class);
  private static final Duration CONVERGE = Duration.ofMinutes(6);
  private static final int APPS = 200;
  private static final List<String> NAMESPACES = List.of("shop", "search", "billing", "default");

  private static EndToEndStack e2e;

  @BeforeAll
  static void start() throws Exception {
    var data = DataDirs.forClass(ConvergeAndTearDownIT.class);
    e2e = EndToEndStack.start(data, EndToEndStack.options(data));
  }

  @AfterAll
  static void stop() {
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  void twoHundredAppsConvergeAndHalfOfThemAreTornDownExactly() {
    List<AppKey> enabled = new ArrayList<>();
    for (int i = 1; i <= APPS; i++) {
      enabled.add(
          new AppKey(
              EndToEndStack.CLUSTERS.get(i % 2),
              NAMESPACES.get(i / 2 % NAMESPACES.size()),
              "app" + i));
    }
    long started = System.nanoTime();
    for (int i = 0; i < enabled.size(); i++) {
      e2e.deployments().create(enabled.get(i), Apps.enabled(i));
    }
    // Deployments that are none of opstream's business, or say so explicitly.
    for (int i = 1; i <= 20; i++) {
      AppKey plain = new AppKey(EndToEndStack.CLUSTERS.get(i % 2), "shop", "plain" + i);
      e2e.deployments().create(plain, Apps.unannotated(i));
    }
    for (int i = 1; i <= 10; i++) {
      AppKey off = new AppKey(EndToEndStack.CLUSTERS.get(i % 2), "search", "off" + i);
      e2e.deployments().create(off, Map.of(AppIntent.ENABLED, "false"));
    }

    World converged = e2e.world().awaitExact(CONVERGE);
    LOG.info("{} apps converged in {} s", APPS, seconds(started));
    assertThat(converged.count(Resource.Kind.BUCKET)).isEqualTo(APPS);
    assertThat(converged.count(Resource.Kind.HELM_RELEASE)).isEqualTo(APPS);
    assertThat(converged.count(Resource.Kind.CRONJOB)).isEqualTo(APPS);
    assertThat(converged.count(Resource.Kind.PASSWORD_SECRET)).isEqualTo(APPS);

    started = System.nanoTime();
    for (int i = 0; i < APPS / 2; i++) {
      AppKey app = enabled.get(i * 2);
      switch (i % 4) {
        case 0 -> e2e.deployments().delete(app);
        case 1 -> e2e.deployments().annotate(app, Map.of(), Set.of(AppIntent.ENABLED));
        case 2 -> e2e.deployments().annotate(app, Map.of(AppIntent.ENABLED, "false"));
        default -> e2e.deployments().delete(app);
      }
    }

    World tornDown = e2e.world().awaitExact(CONVERGE);
    LOG.info("{} apps torn down in {} s", APPS / 2, seconds(started));
    assertThat(tornDown.count(Resource.Kind.BUCKET)).isEqualTo(APPS / 2);
    assertThat(tornDown.count(Resource.Kind.HELM_RELEASE)).isEqualTo(APPS / 2);
    assertThat(tornDown.count(Resource.Kind.CRONJOB)).isEqualTo(APPS / 2);
    assertThat(tornDown.count(Resource.Kind.SERVICE)).isEqualTo(APPS);

    // The check sees content, not only names: change the world behind opstream's back.
    AppKey kept = enabled.get(1);
    e2e.cluster(kept.cluster())
        .batch()
        .v1()
        .cronjobs()
        .inNamespace(kept.namespace())
        .withName(kept.name() + "-redis-backup")
        .edit(c -> new CronJobBuilder(c).editSpec().withSchedule("0 0 * * *").endSpec().build());
    e2e.cluster(kept.cluster())
        .services()
        .inNamespace(kept.namespace())
        .withName(kept.name() + "-redis-headless")
        .delete();
    e2e.s3().createBucket(b -> b.bucket("stray"));

    assertThat(e2e.world().differences())
        .containsExactlyInAnyOrder(
            "must not exist: BUCKET stray {marker=absent}",
            "CRONJOB "
                + kept
                + "-redis-backup: schedule is '0 0 * * *', expected '"
                + converged
                    .resources()
                    .get("CRONJOB " + kept + "-redis-backup")
                    .facts()
                    .get("schedule")
                + "'",
            "missing: SERVICE " + kept + "-redis-headless");
  }

  private static long seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000_000;
  }
}
