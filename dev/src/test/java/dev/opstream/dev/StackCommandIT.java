package dev.opstream.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs the built {@code opstream-dev.jar stack} as a user would, uses every endpoint it prints with
 * a stock client, and stops it with SIGTERM.
 */
class StackCommandIT {

  private static final Path JAR = Path.of("target", "opstream-dev.jar");
  private Process stack;

  @AfterEach
  void killStack() {
    if (stack != null && stack.isAlive()) {
      stack.destroyForcibly();
    }
  }

  @Test
  void printsUsableEndpointsThenReadyAndStopsCleanlyOnSigterm() throws Exception {
    stack =
        new ProcessBuilder("java", "-jar", JAR.toString(), "stack", "--cluster", "eks,local")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();

    Map<String, String> env = readUntilReady(stack, Duration.ofMinutes(2));

    assertThat(env)
        .containsOnlyKeys(
            "KUBECONFIG",
            "KAFKA_BOOTSTRAP_SERVERS",
            "S3_ENDPOINT",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_REGION");
    assertThat(kubectl(env, "--context", "eks", "get", "namespace", "default", "-o", "name"))
        .isEqualTo("namespace/default");
    assertThat(kubectl(env, "--context", "local", "get", "namespace", "default", "-o", "name"))
        .isEqualTo("namespace/default");
    assertThat(topicNames(env.get("KAFKA_BOOTSTRAP_SERVERS")))
        .contains("opstream.deployments", "opstream.results", "opstream.status", "opstream.dlq");
    assertThat(createAndListBucket(env)).contains("scratch");

    Path dataDir = Path.of(env.get("KUBECONFIG")).getParent();
    stack.destroy(); // SIGTERM
    assertThat(stack.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
    assertThat(dataDir).doesNotExist();
  }

  private static Map<String, String> readUntilReady(Process process, Duration timeout)
      throws Exception {
    CompletableFuture<Map<String, String>> ready =
        CompletableFuture.supplyAsync(
            () -> {
              Map<String, String> env = new LinkedHashMap<>();
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (line.equals("READY")) {
                    return env;
                  }
                  int equals = line.indexOf('=');
                  env.put(line.substring(0, equals), line.substring(equals + 1));
                }
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
              throw new IllegalStateException("the stack exited before READY: " + env);
            });
    return ready.get(timeout.toSeconds(), TimeUnit.SECONDS);
  }

  private static String kubectl(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("kubectl"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KUBECONFIG", env.get("KUBECONFIG"));
    Process kubectl = builder.start();
    String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kubectl.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(kubectl.exitValue()).as(output).isZero();
    return output.trim();
  }

  private static Set<String> topicNames(String bootstrapServers) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    }
  }

  private static List<String> createAndListBucket(Map<String, String> env) {
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(URI.create(env.get("S3_ENDPOINT")))
            .region(Region.of(env.get("AWS_REGION")))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))))
            .build()) {
      s3.createBucket(request -> request.bucket("scratch"));
      return s3.listBuckets().buckets().stream().map(bucket -> bucket.name()).toList();
    }
  }
}
