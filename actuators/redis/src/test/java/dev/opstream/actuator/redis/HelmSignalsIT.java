package dev.opstream.actuator.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that installed a release with real Helm through the actuator still shuts down gracefully on
 * SIGTERM (shutdown hooks run) and still dumps its threads on SIGQUIT. The probe also shows the
 * problem being solved: a plain Helm call replaces the JVM's SIGTERM handler.
 */
class HelmSignalsIT {

  /** A bound, not a speed requirement: a JVM that ignores SIGTERM never exits by itself. */
  private static final long EXIT_BOUND_SECONDS = 60;

  private static final long START_BOUND_SECONDS = 180;

  @TempDir Path dir;
  private Path marker;
  private Process probe;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final StringBuilder output = new StringBuilder();

  @AfterEach
  void killProbe() {
    if (probe != null && probe.isAlive()) {
      probe.destroyForcibly();
    }
  }

  @Test
  void jvmThatRanHelmStillRunsItsShutdownHooksOnSigterm() throws Exception {
    start();

    assertThat(output).contains("after plain helm template: SIGTERM handler replaced=true");
    assertThat(output).contains("ensure: CREATED");
    assertThat(output).contains("after actuator helm install: SIGTERM handler restored=true");

    signal("TERM"); // not Process.destroy(): it would close the pipe the probe reports on

    assertThat(probe.waitFor(EXIT_BOUND_SECONDS, TimeUnit.SECONDS))
        .as("the probe exits after SIGTERM; output:%n%s", output)
        .isTrue();
    assertThat(probe.exitValue()).isEqualTo(128 + 15);
    awaitLine(HelmSigtermProbe.HOOK_RAN);
    assertThat(marker).hasContent(HelmSigtermProbe.HOOK_RAN);
  }

  @Test
  void jvmThatRanHelmStillDumpsItsThreadsOnSigquit() throws Exception {
    start();

    signal("QUIT");

    awaitLine("Full thread dump");
    assertThat(probe.isAlive()).isTrue();
    signal("TERM");
    assertThat(probe.waitFor(EXIT_BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(marker).hasContent(HelmSigtermProbe.HOOK_RAN);
  }

  private void start() throws IOException, InterruptedException {
    marker = dir.resolve("shutdown-hook-ran");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    probe =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx256m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    HelmSigtermProbe.class.getName(),
                    marker.toString()))
            .redirectErrorStream(true)
            .start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  synchronized (output) {
                    output.append(line).append(System.lineSeparator());
                  }
                  lines.add(line);
                }
              } catch (IOException e) {
                // the probe ended
              }
            },
            "probe-output");
    reader.setDaemon(true);
    reader.start();
    awaitLine(HelmSigtermProbe.READY);
  }

  private void awaitLine(String expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_BOUND_SECONDS);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null && line.contains(expected)) {
        return;
      }
      if (line == null && !probe.isAlive() && lines.isEmpty()) {
        break;
      }
    }
    throw new AssertionError("the probe never printed '" + expected + "'; output:\n" + output);
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-" + name, Long.toString(probe.pid()))
            .redirectErrorStream(true)
            .start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }
}
