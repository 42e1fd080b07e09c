package dev.opstream.dev.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a localized container command as a child process, the way a kubelet starts a pod's
 * container: with exactly the environment the spec gives (nothing inherited from this process),
 * standard output and error to a log file, and a deadline.
 */
final class Kubelet {

  /** The opstream main class, which the opstream image's binary runs. */
  static final String OPSTREAM_MAIN = "dev.opstream.cli.OpstreamCommand";

  /** The JVM options of a backup run: small, like the CronJob's container. */
  static final List<String> JVM_OPTIONS =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /**
   * What a child process did.
   *
   * @param exitCode its exit code
   * @param output its standard output and error, as written to the log
   * @param log the log file
   */
  record Run(int exitCode, String output, Path log) {

    /** The lines of standard output and error that are not log lines. */
    List<String> summaryLines() {
      return output
          .lines()
          .filter(line -> !line.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d+ .*"))
          .toList();
    }
  }

  private Kubelet() {}

  /** The words that start the opstream binary here: this JVM, its class path, opstream's main. */
  static List<String> opstreamLauncher() {
    List<String> launcher = new ArrayList<>();
    launcher.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    launcher.addAll(JVM_OPTIONS);
    launcher.add("-cp");
    launcher.add(System.getProperty("java.class.path"));
    launcher.add(OPSTREAM_MAIN);
    return launcher;
  }

  /** How the launcher reads in a printed line (the class path elided). */
  static String describeLauncher() {
    return "java "
        + String.join(" ", JVM_OPTIONS)
        + " -cp <this JVM's class path> "
        + OPSTREAM_MAIN;
  }

  static Run run(LocalPodCommand command, Path log, Duration deadline) {
    ProcessBuilder builder =
        new ProcessBuilder(command.argv())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(command.environment());
    try {
      Files.createDirectories(log.getParent());
      Process process = builder.start();
      if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        throw new DemoException(
            DemoException.Reason.RETRYABLE,
            "the command did not finish within " + deadline + "; see " + log);
      }
      return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), log);
    } catch (IOException e) {
      throw new DemoException(DemoException.Reason.PERMANENT, "could not run " + command.argv(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException(DemoException.Reason.RETRYABLE, "interrupted", e);
    }
  }
}
