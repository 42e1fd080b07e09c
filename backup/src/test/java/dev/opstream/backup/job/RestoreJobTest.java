package dev.opstream.backup.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestoreJobTest {

  private static final Instant NOW = Instant.parse("2026-11-22T03:15:00Z");

  private static RestoreJob.Spec spec(String app, Optional<String> s3Secret) {
    return new RestoreJob.Spec(
        app,
        Optional.of("shop"),
        "opstream/opstream:1.2.3",
        "redis://" + app + "-redis:6379",
        "opstream-local-shop-cart",
        "backups/",
        "latest",
        true,
        Map.of("AWS_REGION", "eu-west-1"),
        s3Secret,
        Optional.empty(),
        NOW);
  }

  @Test
  void runsTheRestoreWithTheAppsPasswordSecretAndTheImage() {
    Job job = RestoreJob.build(spec("cart", Optional.of("opstream-s3")));

    assertThat(job.getMetadata().getName()).isEqualTo("cart-redis-restore-20261122-031500");
    assertThat(job.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
    Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("opstream/opstream:1.2.3");
    assertThat(container.getArgs())
        .containsExactly(
            "backup",
            "restore",
            "--redis",
            "redis://cart-redis:6379",
            "--bucket",
            "opstream-local-shop-cart",
            "--prefix",
            "backups/",
            "--backup",
            "latest",
            "--flush");
    assertThat(container.getEnv())
        .anySatisfy(
            env -> {
              assertThat(env.getName()).isEqualTo("REDIS_PASSWORD");
              assertThat(env.getValueFrom().getSecretKeyRef().getName())
                  .isEqualTo("cart-redis-auth");
              assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
            })
        .anySatisfy(
            env ->
                assertThat(env.getName() + "=" + env.getValue()).isEqualTo("AWS_REGION=eu-west-1"));
    assertThat(container.getEnvFrom())
        .singleElement()
        .satisfies(from -> assertThat(from.getSecretRef().getName()).isEqualTo("opstream-s3"));
  }

  @Test
  void keepsTheJobNameWithinTheKubernetesLimit() {
    String name = RestoreJob.name("a".repeat(70), NOW);

    assertThat(name).hasSizeLessThanOrEqualTo(63).endsWith("-redis-restore-20261122-031500");
  }

  @Test
  void printsYamlWithoutNullsOrEmptyLists() {
    String yaml = RestoreJob.yaml(RestoreJob.build(spec("cart", Optional.empty())));

    assertThat(yaml)
        .startsWith("apiVersion: batch/v1\nkind: Job\n")
        .contains("secretKeyRef:")
        .doesNotContain("null")
        .doesNotContain("envFrom")
        .doesNotContain("[]")
        .doesNotContain("{}");
  }
}
