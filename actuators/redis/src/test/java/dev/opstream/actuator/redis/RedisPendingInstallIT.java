package dev.opstream.actuator.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.actuator.runner.Effect;
import dev.opstream.localstack.junit.KubeApiServerExtension;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.EnsureRedis;
import dev.opstream.topics.records.Outcome;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release really left {@code pending-install}: a JVM killed while its {@code helm install} of the
 * bundled chart was under way (objects written, release not yet deployed), as a crashed actuator
 * would leave it. The next ensure recovers it.
 */
@ExtendWith(KubeApiServerExtension.class)
class RedisPendingInstallIT {

  /** A bound for a JVM on a loaded machine, not a speed requirement. */
  private static final Duration PROBE_BOUND = Duration.ofMinutes(3);

  private RedisTestCluster cluster;
  private Process probe;

  @BeforeEach
  void setUp(KubeApiServer server, @TempDir Path dir) {
    cluster = new RedisTestCluster(server, dir);
  }

  @AfterEach
  void tearDown() {
    if (probe != null && probe.isAlive()) {
      probe.destroyForcibly();
    }
    cluster.close();
  }

  @Test
  void aReleaseLeftPendingInstallByAKilledHelmIsUninstalledAndInstalledAgain(@TempDir Path dir)
      throws Exception {
    AppKey app = cluster.app("killed");
    EnsureRedis ensure = RedisTestCluster.ensure(app, "256Mi");
    // What the handler does before it calls Helm: the password Secret, then the values.
    Secret password =
        new PasswordSecrets(new SecureRandom())
            .create(cluster.client, app, "killed-redis-auth", "killed-redis");
    ReleaseValues values =
        ReleaseValues.desired(
            app,
            ensure.spec(),
            cluster.config(),
            password.getMetadata().getUid(),
            ReleaseValues.Persistence.configured(cluster.config()));
    Path valuesFile = Files.writeString(dir.resolve("values.json"), values.json());

    probe = startProbe(dir, valuesFile);
    await()
        .atMost(PROBE_BOUND)
        .until(
            () ->
                cluster.releaseRevisions("killed-redis").equals(List.of("1:pending-install"))
                    && cluster.statefulSet("killed-redis") != null);
    probe.destroyForcibly();
    assertThat(probe.waitFor(PROBE_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(cluster.releaseRevisions("killed-redis")).containsExactly("1:pending-install");

    // Later than the pending grace period: no Helm operation can still be running on it.
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
    Effect recovered;
    try (RedisHandler handler = cluster.handler(later)) {
      recovered = handler.handle(ensure);
    }

    assertThat(recovered.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(recovered.observed().attributes())
        .containsEntry("status", "deployed")
        .containsEntry("revision", "1")
        .containsEntry("workload", "present")
        .containsEntry("valuesDigest", values.digest());
    assertThat(cluster.releaseRevisions("killed-redis")).containsExactly("1:deployed");
    assertThat(cluster.secret("killed-redis-auth").getMetadata().getUid())
        .isEqualTo(password.getMetadata().getUid());
  }

  private Process startProbe(Path dir, Path valuesFile) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            List.of(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                HelmInstallProbe.class.getName(),
                cluster.kubeconfig.toString(),
                cluster.chart.toString(),
                cluster.namespace,
                "killed-redis",
                valuesFile.toString()))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("probe.log").toFile())
        .start();
  }
}
