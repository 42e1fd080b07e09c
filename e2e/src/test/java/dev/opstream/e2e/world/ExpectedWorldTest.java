package dev.opstream.e2e.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstream.topics.records.AppKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedWorldTest {

  private static final ExpectedWorld.Settings SETTINGS = ExpectedWorld.Settings.defaults();
  private static final AppKey SHOP = AppKey.parse("eks/default/shop");

  @Test
  void anEnabledAppGetsItsBucketReleaseWorkloadSecretAndCronJobWithTheDefaults() {
    World world = ExpectedWorld.of(SETTINGS, List.of(app(SHOP, enabled())), Map.of());

    assertThat(world.resources().keySet())
        .containsExactly(
            "BUCKET opstream-eks-default-shop",
            "CRONJOB eks/default/shop-redis-backup",
            "HELM_RELEASE eks/default/shop-redis",
            "PASSWORD_SECRET eks/default/shop-redis-auth",
            "SERVICE eks/default/shop-redis",
            "SERVICE eks/default/shop-redis-headless",
            "STATEFULSET eks/default/shop-redis");
    Map<String, String> cronJob =
        world.resources().get("CRONJOB eks/default/shop-redis-backup").facts();
    assertThat(cronJob)
        .containsEntry("schedule", "@daily")
        .containsEntry("timeZone", "")
        .containsEntry("retention", "7")
        .containsEntry(
            "container.backup.command",
            "opstream backup run --redis redis://shop-redis.default.svc:6379"
                + " --bucket opstream-eks-default-shop --prefix backups/ --keep 7 --mode scan");
    assertThat(world.resources().get("HELM_RELEASE eks/default/shop-redis").facts())
        .containsEntry("values.resources.memory.bytes", Long.toString(256L << 20))
        .containsEntry("values.redis.maxmemory", Long.toString((256L << 20) * 75 / 100))
        .containsEntry("values.opstream.app", "eks/default/shop");
    assertThat(world.resources().get("BUCKET opstream-eks-default-shop").facts())
        .containsEntry("marker.app", "eks/default/shop")
        .containsEntry("marker.onDelete", "DELETE");
  }

  @Test
  void annotationsShapeTheCronJobTheReleaseAndTheBucketMarker() {
    Map<String, String> annotations = enabled();
    annotations.put(AppIntent.BACKUP_SCHEDULE, "15  3 * * 1");
    annotations.put(AppIntent.BACKUP_TIMEZONE, "Europe/Paris");
    annotations.put(AppIntent.BACKUP_RETENTION, "3");
    annotations.put(AppIntent.REDIS_MEMORY, "1Gi");
    annotations.put(AppIntent.ON_DELETE, "Retain");

    World world = ExpectedWorld.of(SETTINGS, List.of(app(SHOP, annotations)), Map.of());

    assertThat(world.resources().get("CRONJOB eks/default/shop-redis-backup").facts())
        .containsEntry("schedule", "15 3 * * 1")
        .containsEntry("timeZone", "Europe/Paris")
        .containsEntry("retention", "3");
    assertThat(world.resources().get("STATEFULSET eks/default/shop-redis").facts())
        .containsEntry("container.redis.memoryLimit.bytes", Long.toString(1L << 30));
    assertThat(world.resources().get("BUCKET opstream-eks-default-shop").facts())
        .containsEntry("marker.onDelete", "RETAIN");
  }

  @Test
  void unannotatedDisabledAndNeverValidAppsHaveNothing() {
    Map<String, String> disabled = Map.of(AppIntent.ENABLED, "false");
    Map<String, String> neverValid = Map.of(AppIntent.ENABLED, "yes");

    World world =
        ExpectedWorld.of(
            SETTINGS,
            List.of(
                app(AppKey.parse("eks/default/plain"), Map.of("team", "shop")),
                app(AppKey.parse("eks/default/off"), disabled),
                app(AppKey.parse("local/default/typo"), neverValid)),
            Map.of());

    assertThat(world.resources()).isEmpty();
  }

  @Test
  void anAppWithABadValueKeepsItsLastGoodAnnotations() {
    Map<String, String> good = enabled();
    good.put(AppIntent.BACKUP_RETENTION, "3");
    Map<String, String> bad = new HashMap<>(good);
    bad.put(AppIntent.BACKUP_RETENTION, "-1");

    World world = ExpectedWorld.of(SETTINGS, List.of(app(SHOP, bad)), Map.of(SHOP, good));

    assertThat(world.resources().get("CRONJOB eks/default/shop-redis-backup").facts())
        .containsEntry("retention", "3");
  }

  @Test
  void refusesAppsWhoseNamesWouldBeHashedRatherThanGuessing() {
    AppKey hyphenated = AppKey.parse("eks/default/shop-cart");

    assertThatThrownBy(
            () -> ExpectedWorld.of(SETTINGS, List.of(app(hyphenated, enabled())), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hashed");
  }

  @Test
  void theDiffNamesMissingLeftoverAndDifferingFactsByContent() {
    World expected = ExpectedWorld.of(SETTINGS, List.of(app(SHOP, enabled())), Map.of());
    List<Resource> actual = new ArrayList<>(expected.resources().values());
    actual.removeIf(r -> r.kind() == Resource.Kind.PASSWORD_SECRET);
    actual.replaceAll(
        r -> {
          if (r.kind() != Resource.Kind.HELM_RELEASE) {
            return r;
          }
          Map<String, String> facts = new HashMap<>(r.facts());
          facts.put("values.resources.memory.bytes", "1");
          return new Resource(r.kind(), r.id(), facts);
        });
    actual.add(new Resource(Resource.Kind.CRONJOB, "local/default/old-redis-backup", Map.of()));

    List<String> differences = WorldDiff.between(expected, World.of(actual));

    assertThat(differences)
        .containsExactly(
            "must not exist: CRONJOB local/default/old-redis-backup {}",
            "HELM_RELEASE eks/default/shop-redis: values.resources.memory.bytes is '1', expected '"
                + (256L << 20)
                + "'",
            "missing: PASSWORD_SECRET eks/default/shop-redis-auth");
    assertThat(WorldDiff.between(expected, expected)).isEmpty();
  }

  @Test
  void readsBadValuesAsInvalid() {
    for (Map.Entry<String, String> bad :
        Map.of(
                AppIntent.ENABLED, "True",
                AppIntent.BACKUP_SCHEDULE, "every day",
                AppIntent.BACKUP_TIMEZONE, "Mars/Olympus",
                AppIntent.BACKUP_RETENTION, "0",
                AppIntent.REDIS_MEMORY, "lots",
                AppIntent.ON_DELETE, "retain")
            .entrySet()) {
      Map<String, String> annotations = enabled();
      annotations.put(bad.getKey(), bad.getValue());
      assertThat(AppIntent.read(annotations))
          .as(bad.toString())
          .isInstanceOf(AppIntent.Reading.Invalid.class);
    }
  }

  private static Map<String, String> enabled() {
    Map<String, String> annotations = new HashMap<>();
    annotations.put(AppIntent.ENABLED, "true");
    return annotations;
  }

  private static AppDeployment app(AppKey key, Map<String, String> annotations) {
    return new AppDeployment(key, annotations);
  }
}
