package dev.opstream.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.backup.testing.BackupCli;
import dev.opstream.backup.testing.BackupCli.Run;
import dev.opstream.backup.testing.SampleData;
import dev.opstream.backup.testing.TestRedis;
import dev.opstream.backup.testing.TestS3;
import dev.opstream.localstack.junit.KubeApiServerExtension;
import dev.opstream.localstack.junit.S3ServerExtension;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.localstack.kube.KubeConfigFile;
import dev.opstream.localstack.redis.RedisServer;
import dev.opstream.localstack.s3.S3Server;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore --print-job}: real kubectl creates the printed Job, and the Job's own arguments
 * and environment (the password resolved from the app's Secret) restore the backup.
 */
@ExtendWith({S3ServerExtension.class, KubeApiServerExtension.class})
class PrintJobIT {

  private static final String PASSWORD = "from-the-secret";

  private final TestS3 s3;
  private final KubeApiServer kube;

  @TempDir Path dir;

  PrintJobIT(S3Server s3Server, KubeApiServer kube) {
    this.s3 = new TestS3(s3Server);
    this.kube = kube;
  }

  @AfterEach
  void closeClient() {
    s3.close();
  }

  @Test
  void kubectlCreatesThePrintedJobAndItsArgumentsAndSecretRestoreTheBackup() throws Exception {
    String namespace = "restore-" + ProcessHandle.current().pid();
    kube.client()
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    kube.client()
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("cart-redis-auth")
                .endMetadata()
                .addToData(
                    "password",
                    Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)))
                .build())
        .create();
    String bucket = s3.newBucket("job");
    Map<String, String> env = new HashMap<>(s3.env());
    env.put("REDIS_PASSWORD", PASSWORD);
    try (RedisServer source = RedisServer.start(dir.resolve("source"), PASSWORD);
        RedisServer target = RedisServer.start(dir.resolve("target"), PASSWORD)) {
      String digest;
      try (TestRedis redis = TestRedis.connect(source)) {
        SampleData.fill(redis);
        digest = redis.digest();
      }
      assertThat(BackupCli.run(env, "run", "--redis", source.uri(), "--bucket", bucket).exitCode())
          .isZero();

      Map<String, String> workstation = new HashMap<>(s3.env());
      workstation.remove("AWS_ACCESS_KEY_ID");
      workstation.remove("AWS_SECRET_ACCESS_KEY");
      Run printed =
          BackupCli.run(
              workstation,
              "restore",
              "--print-job",
              "--name",
              "cart",
              "--namespace",
              namespace,
              "--redis",
              target.uri(),
              "--bucket",
              bucket,
              "--flush",
              "--image",
              "opstream/opstream:test",
              "--s3-secret",
              "opstream-s3");
      assertThat(printed.exitCode()).as(printed.toString()).isZero();
      kubectl(printed.out(), "create", "-f", "-");

      Job job = kube.client().batch().v1().jobs().inNamespace(namespace).list().getItems().get(0);
      Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(container.getImage()).isEqualTo("opstream/opstream:test");
      assertThat(container.getEnvFrom().get(0).getSecretRef().getName()).isEqualTo("opstream-s3");
      assertThat(container.getArgs()).startsWith("backup", "restore");

      // Run what the Job would run, with the environment the kubelet would give it.
      Map<String, String> podEnv = new HashMap<>(s3.env()); // what the opstream-s3 Secret holds
      podEnv.remove("REDIS_PASSWORD");
      for (EnvVar var : container.getEnv()) {
        podEnv.put(var.getName(), value(namespace, var));
      }
      List<String> args =
          new ArrayList<>(container.getArgs().subList(1, container.getArgs().size()));
      Run restore = BackupCli.run(podEnv, args.toArray(String[]::new));

      assertThat(restore.exitCode()).as(restore.toString()).isZero();
      try (TestRedis redis = TestRedis.connect(target)) {
        assertThat(redis.digest()).isEqualTo(digest);
      }
    }
  }

  private String value(String namespace, EnvVar var) {
    if (var.getValueFrom() == null) {
      return var.getValue();
    }
    var ref = var.getValueFrom().getSecretKeyRef();
    String encoded =
        kube.client()
            .secrets()
            .inNamespace(namespace)
            .withName(ref.getName())
            .get()
            .getData()
            .get(ref.getKey());
    return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  private void kubectl(String stdin, String... args) throws Exception {
    Path kubeconfig = KubeConfigFile.write(dir.resolve("kubeconfig"), List.of(kube));
    List<String> command = new ArrayList<>(List.of("kubectl", "--validate=false"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    Process process = builder.start();
    process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("kubectl %s:%n%s%n%s", args, output, stdin).isZero();
    Files.deleteIfExists(kubeconfig);
  }
}
