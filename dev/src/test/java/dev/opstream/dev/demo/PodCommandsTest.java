package dev.opstream.dev.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodCommandsTest {

  private static final List<String> LAUNCHER = List.of("java", "-cp", "cp", "Main");
  private static final String SERVICE = "shop-redis.default.svc:6379";
  private static final String LOCAL = "127.0.0.1:40123";
  private static final Map<String, Map<String, String>> SECRETS =
      Map.of(
          "shop-redis-auth", Map.of("password", "s3cret"),
          "opstream-s3",
              Map.of(
                  "S3_ENDPOINT", "http://127.0.0.1:9000",
                  "AWS_REGION", "us-east-1",
                  "AWS_ACCESS_KEY_ID", "id",
                  "AWS_SECRET_ACCESS_KEY", "key"));
  private static final SecretSource SOURCE = name -> Optional.ofNullable(SECRETS.get(name));

  /** The container the cronjob actuator writes (command, secretKeyRef env, envFrom Secret). */
  private static ContainerBuilder backupContainer() {
    return new ContainerBuilder()
        .withName("backup")
        .withImage("opstream/opstream:latest")
        .withCommand(
            "opstream",
            "backup",
            "run",
            "--redis",
            "redis://" + SERVICE,
            "--bucket",
            "opstream-eks-default-shop",
            "--prefix",
            "backups/",
            "--keep",
            "7",
            "--mode",
            "scan")
        .addNewEnv()
        .withName("REDIS_PASSWORD")
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName("shop-redis-auth")
        .withKey("password")
        .endSecretKeyRef()
        .endValueFrom()
        .endEnv()
        .addNewEnvFrom()
        .withNewSecretRef()
        .withName("opstream-s3")
        .endSecretRef()
        .endEnvFrom();
  }

  @Test
  void runsTheContainersCommandWithTheLauncherAndOnlyTheServiceAddressReplaced() {
    LocalPodCommand local =
        PodCommands.localize(backupContainer().build(), SERVICE, LOCAL, SOURCE, LAUNCHER);

    assertThat(local.argv())
        .containsExactly(
            "java",
            "-cp",
            "cp",
            "Main",
            "backup",
            "run",
            "--redis",
            "redis://" + LOCAL,
            "--bucket",
            "opstream-eks-default-shop",
            "--prefix",
            "backups/",
            "--keep",
            "7",
            "--mode",
            "scan");
  }

  @Test
  void theEnvironmentIsExactlyTheSecretKeyRefAndEnvFromValues() {
    LocalPodCommand local =
        PodCommands.localize(backupContainer().build(), SERVICE, LOCAL, SOURCE, LAUNCHER);

    assertThat(local.environment())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "REDIS_PASSWORD", "s3cret",
                "S3_ENDPOINT", "http://127.0.0.1:9000",
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "id",
                "AWS_SECRET_ACCESS_KEY", "key"));
  }

  @Test
  void reportsExactlyTwoSubstitutionsAndNeverASecretValue() {
    LocalPodCommand local =
        PodCommands.localize(backupContainer().build(), SERVICE, LOCAL, SOURCE, LAUNCHER);

    assertThat(local.substitutions())
        .containsExactly(
            "Service shop-redis.default.svc:6379 -> 127.0.0.1:40123",
            "Secret values read from the cluster's API: AWS_ACCESS_KEY_ID, AWS_REGION,"
                + " AWS_SECRET_ACCESS_KEY, S3_ENDPOINT (envFrom Secret opstream-s3),"
                + " REDIS_PASSWORD (secretKeyRef shop-redis-auth/password)");
    assertThat(String.join(" ", local.substitutions())).doesNotContain("s3cret", "key,", "id,");
  }

  @Test
  void anExplicitEnvValueWinsOverEnvFromAndHasTheServiceAddressReplaced() {
    Container container =
        backupContainer()
            .addNewEnv()
            .withName("AWS_REGION")
            .withValue("eu-west-1")
            .endEnv()
            .addNewEnv()
            .withName("REDIS_URL")
            .withValue("redis://" + SERVICE)
            .endEnv()
            .build();

    LocalPodCommand local = PodCommands.localize(container, SERVICE, LOCAL, SOURCE, LAUNCHER);

    assertThat(local.environment())
        .containsEntry("AWS_REGION", "eu-west-1")
        .containsEntry("REDIS_URL", "redis://" + LOCAL);
  }

  @Test
  void argsFollowTheCommandAsInKubernetes() {
    Container container =
        new ContainerBuilder()
            .withName("c")
            .withCommand("opstream")
            .withArgs("backup", "list", "--bucket", "b")
            .build();

    LocalPodCommand local = PodCommands.localize(container, SERVICE, LOCAL, SOURCE, LAUNCHER);

    assertThat(local.argv()).endsWith("Main", "backup", "list", "--bucket", "b");
    assertThat(local.substitutions()).isEmpty();
    assertThat(local.environment()).isEmpty();
  }

  @Test
  void refusesAContainerThatRunsAnotherBinary() {
    Container container = new ContainerBuilder().withName("c").withCommand("redis-cli").build();

    assertThatThrownBy(() -> PodCommands.localize(container, SERVICE, LOCAL, SOURCE, LAUNCHER))
        .isInstanceOf(DemoException.class)
        .hasMessageContaining("'redis-cli'")
        .hasMessageContaining("only runs the opstream binary");
  }

  @Test
  void namesTheMissingSecretKey() {
    SecretSource noPassword =
        name -> name.equals("shop-redis-auth") ? Optional.of(Map.of()) : SOURCE.secret(name);

    assertThatThrownBy(
            () ->
                PodCommands.localize(
                    backupContainer().build(), SERVICE, LOCAL, noPassword, LAUNCHER))
        .isInstanceOf(DemoException.class)
        .hasMessageContaining("key password of Secret shop-redis-auth");
  }

  @Test
  void namesTheMissingEnvFromSecret() {
    SecretSource noS3 = name -> name.equals("opstream-s3") ? Optional.empty() : SOURCE.secret(name);

    assertThatThrownBy(
            () -> PodCommands.localize(backupContainer().build(), SERVICE, LOCAL, noS3, LAUNCHER))
        .isInstanceOf(DemoException.class)
        .hasMessageContaining("Secret opstream-s3, which does not exist");
  }
}
