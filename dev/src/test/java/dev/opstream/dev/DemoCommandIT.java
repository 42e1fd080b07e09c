package dev.opstream.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the built {@code opstream-dev.jar demo} as a user would: the scenario by itself to its
 * summary and exit code, and the interactive mode driven with kubectl, its status page rendered in
 * headless Chromium, then stopped with SIGTERM.
 */
class DemoCommandIT {

  private static final Path JAR = Path.of("target", "opstream-dev.jar");
  private static final Duration STARTUP = Duration.ofMinutes(4);
  private static final Duration CONVERGE = Duration.ofMinutes(3);

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private Process demo;

  /** After a failed test: SIGTERM (the demo stops its stages and removes its data), then kill. */
  @AfterEach
  void stopDemo() throws InterruptedException {
    if (demo != null && demo.isAlive()) {
      List<ProcessHandle> stages = demo.descendants().toList();
      demo.destroy();
      if (!demo.waitFor(120, TimeUnit.SECONDS)) {
        stages.forEach(ProcessHandle::destroyForcibly);
        demo.destroyForcibly();
      }
    }
  }

  @Test
  void theScenarioPlaysTheWholeStoryAndExitsZeroWithTheSummary() throws Exception {
    Path log = Path.of("target", "demo-scenario.log");
    demo =
        new ProcessBuilder("java", "-jar", JAR.toString(), "demo", "--scenario")
            .redirectError(log.toFile())
            .start();
    CompletableFuture<String> output = readAll(demo);

    assertThat(demo.waitFor(12, TimeUnit.MINUTES)).as("the scenario ended; see " + log).isTrue();
    String out = output.get(30, TimeUnit.SECONDS);

    assertThat(demo.exitValue()).as(out).isZero();
    assertThat(out)
        .contains(
            "[1/5]",
            "[2/5]",
            "[3/5]",
            "[4/5]",
            "[5/5]",
            "DEMO CONVERGED",
            // the backup ran from the CronJob's own spec, with the two substitutions printed
            "opstream backup run --redis redis://cart-redis.default.svc:6379 --bucket"
                + " opstream-eks-default-cart",
            "substitution 1: Service cart-redis.default.svc:6379 -> 127.0.0.1:",
            "substitution 2: Secret values read from the cluster's API:",
            "REDIS_PASSWORD (secretKeyRef cart-redis-auth/password)",
            "(envFrom Secret opstream-s3)",
            "in bucket opstream-local-default-shop: backups/",
            // teardown in order, the unannotated ones untouched
            "eks/default/shop: torn down; results in order: DELETE_BACKUP_CRONJOB DELETED ->",
            "local/default/orders: torn down; results in order: DELETE_BACKUP_CRONJOB DELETED ->",
            "eks/default/web: never annotated: no action emitted, Deployment unchanged")
        .doesNotContain("substitution 3", "NOT CONVERGED");
    assertThat(count(out, ": equal")).as("restores compared equal").isEqualTo(4);
    assertThat(count(out, "backup run exited 0:")).isEqualTo(4);

    List<String> summary = summary(out);
    assertThat(summary.get(0))
        .matches("APP +CLUSTER +BUCKET +RELEASE +CRONJOB +LAST BACKUP +STATE");
    assertThat(summary.subList(1, summary.size()))
        .hasSize(6)
        .anySatisfy(
            row ->
                assertThat(row)
                    .matches(
                        "default/cart +eks +opstream-eks-default-cart +cart-redis"
                            + " +cart-redis-backup +20\\d\\d-\\S+Z +converged"))
        .anySatisfy(
            row ->
                assertThat(row)
                    .matches(
                        "default/shop +local +opstream-local-default-shop +shop-redis"
                            + " +shop-redis-backup +20\\d\\d-\\S+Z +converged"))
        .anySatisfy(
            row ->
                assertThat(row)
                    .matches("default/shop +eks +- +- +- +- +torn down \\(annotation removed\\)"))
        .anySatisfy(
            row ->
                assertThat(row)
                    .matches(
                        "default/orders +local +- +- +- +- +torn down \\(Deployment deleted\\)"))
        .anySatisfy(row -> assertThat(row).matches("default/web +eks +- +- +- +- +untouched.*"))
        .anySatisfy(
            row -> assertThat(row).matches("default/tools +local +- +- +- +- +untouched.*"));
  }

  @Test
  void withoutScenarioItPrintsUsableEndpointsServesTheStatusPageAndStopsOnSigterm()
      throws Exception {
    demo =
        new ProcessBuilder("java", "-jar", JAR.toString(), "demo")
            .redirectError(Path.of("target", "demo-interactive.log").toFile())
            .start();
    Map<String, String> env = readUntilReady(demo, STARTUP);

    assertThat(env)
        .containsOnlyKeys(
            "KUBECONFIG",
            "KAFKA_BOOTSTRAP_SERVERS",
            "S3_ENDPOINT",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_REGION",
            "STATUS_URL");
    URI statusUrl = URI.create(env.get("STATUS_URL"));
    kubectl(
        env, deployment("shop", true), "--context", "eks", "apply", "--validate=false", "-f", "-");
    kubectl(
        env,
        deployment("tools", false),
        "--context",
        "local",
        "apply",
        "--validate=false",
        "-f",
        "-");
    kubectl(
        env,
        deployment("broken", false),
        "--context",
        "local",
        "apply",
        "--validate=false",
        "-f",
        "-");
    kubectl(
        env,
        null,
        "--context",
        "local",
        "annotate",
        "deployment",
        "broken",
        "opstream.dev/enabled=true",
        "opstream.dev/backup-schedule=every day");

    await()
        .atMost(CONVERGE)
        .until(() -> "Converged".equals(readyReason(statusUrl, "eks/default/shop")));
    await().atMost(CONVERGE).until(() -> readyReason(statusUrl, "local/default/broken") != null);

    // The watchers' groups appear on the broker once they first commit what they read.
    await()
        .atMost(CONVERGE)
        .until(
            () -> {
              String health = get(statusUrl.resolve("pipeline"));
              return health.contains("\"watcher eks\"") && health.contains("\"watcher local\"");
            });

    String dom = HeadlessChromium.dumpDom(statusUrl, Duration.ofSeconds(8));
    Files.writeString(Path.of("target", "demo-status-page.html"), dom);

    String shop = row(dom, "data-app", "eks/default/shop");
    assertThat(shop).contains("Converged", "enabled");
    for (String kind : List.of("bucket", "redis", "cronjob")) {
      assertThat(cell(shop, "resource " + kind))
          .as(kind)
          .contains("data-observed=\"exists\"", "data-converged=\"true\"", "CREATED");
    }
    assertThat(cell(shop, "resource bucket")).contains("name=opstream-eks-default-shop");
    String broken = row(dom, "data-app", "local/default/broken");
    assertThat(cell(broken, "last-error error")).contains("backup-schedule", "every day");
    assertThat(dom).doesNotContain("data-app=\"local/default/tools\"");
    for (String stage :
        List.of("planner", "actuator bucket", "actuator redis", "actuator cronjob")) {
      String row = row(dom, "data-stage", stage);
      assertThat(cell(row, "number lag")).as(stage).matches(">\\d+");
      assertThat(cell(row, "number members")).as(stage).isEqualTo(">1");
    }
    assertThat(dom).contains("data-stage=\"watcher eks\"", "data-stage=\"watcher local\"");
    assertThat(dom).containsPattern("[1-9]\\d* apps, 1 ready");

    List<ProcessHandle> stages = demo.descendants().toList();
    assertThat(stages).hasSizeGreaterThanOrEqualTo(6);
    Path dataDir = Path.of(env.get("KUBECONFIG")).getParent().getParent();
    demo.destroy(); // SIGTERM
    assertThat(demo.waitFor(120, TimeUnit.SECONDS)).as("stopped within 120 s of SIGTERM").isTrue();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> stages.stream().noneMatch(ProcessHandle::isAlive));
    assertThat(dataDir).doesNotExist();
  }

  private String get(URI uri) throws Exception {
    return http.send(
            HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private String readyReason(URI statusUrl, String app) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(statusUrl.resolve("status/" + app)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      return null;
    }
    for (JsonNode condition : json.readTree(response.body()).path("conditions")) {
      if (condition.path("type").asText().equals("Ready")) {
        return condition.path("reason").asText();
      }
    }
    return null;
  }

  /** The rendered {@code <tr>} whose attribute has that value. */
  private static String row(String dom, String attribute, String value) {
    Matcher matcher =
        Pattern.compile(
                "<tr " + attribute + "=\"" + Pattern.quote(value) + "\">(.*?)</tr>", Pattern.DOTALL)
            .matcher(dom);
    assertThat(matcher.find()).as("a row %s=%s in the page:%n%s", attribute, value, dom).isTrue();
    return matcher.group(1);
  }

  /** The {@code <td>} of that class in a row, with its attributes. */
  private static String cell(String row, String cssClass) {
    Matcher matcher =
        Pattern.compile("<td class=\"" + Pattern.quote(cssClass) + "\"(.*?)</td>", Pattern.DOTALL)
            .matcher(row);
    assertThat(matcher.find()).as("a cell %s in %s", cssClass, row).isTrue();
    return matcher.group(1);
  }

  private static String deployment(String name, boolean annotated) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
          namespace: default
          annotations: {%s}
        spec:
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec: {containers: [{name: %s, image: nginx}]}
        """
        .formatted(name, annotated ? "opstream.dev/enabled: \"true\"" : "", name, name, name);
  }

  private static void kubectl(Map<String, String> env, String stdin, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("kubectl"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KUBECONFIG", env.get("KUBECONFIG"));
    Process kubectl = builder.start();
    try (OutputStream in = kubectl.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(kubectl.exitValue()).as(output).isZero();
  }

  private static CompletableFuture<String> readAll(Process process) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static Map<String, String> readUntilReady(Process process, Duration timeout)
      throws Exception {
    CompletableFuture<Map<String, String>> ready =
        CompletableFuture.supplyAsync(
            () -> {
              Map<String, String> env = new LinkedHashMap<>();
              try {
                BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
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
              throw new IllegalStateException("the demo exited before READY: " + env);
            });
    return ready.get(timeout.toSeconds(), TimeUnit.SECONDS);
  }

  private static List<String> summary(String out) {
    List<String> lines = out.lines().toList();
    int header = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("APP ")) {
        header = i;
      }
    }
    assertThat(header).as("a summary table in:%n%s", out).isNotNegative();
    List<String> table = new ArrayList<>();
    for (int i = header; i < lines.size() && !lines.get(i).isBlank(); i++) {
      table.add(lines.get(i));
    }
    return table;
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }
}
