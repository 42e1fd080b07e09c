package dev.opstream.dev.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipeline stage running as its own JVM, the way production runs it: started from this JVM's
 * class path, logging to a file, ready once its {@code /readyz} answers 200. It can be stopped
 * gracefully (SIGTERM), killed (SIGKILL) and started again with the same spec and port.
 */
public final class StageProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StageProcess.class);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration POLL = Duration.ofMillis(200);

  private final StageSpec spec;
  private final List<String> jvmOptions;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
  private Process process;
  private int starts;

  private StageProcess(StageSpec spec, List<String> jvmOptions, Path logDir) {
    this.spec = spec;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.log = logDir.resolve(spec.name() + ".log");
  }

  /** Starts the stage; it logs to {@code <logDir>/<name>.log} (appended to on restarts). */
  public static StageProcess start(StageSpec spec, List<String> jvmOptions, Path logDir) {
    StageProcess stage = new StageProcess(spec, jvmOptions, logDir);
    stage.launch();
    return stage;
  }

  public String name() {
    return spec.name();
  }

  public StageSpec spec() {
    return spec;
  }

  public int httpPort() {
    return spec.httpPort();
  }

  public URI endpoint(String path) {
    return URI.create("http://127.0.0.1:" + spec.httpPort() + path);
  }

  public Path log() {
    return log;
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  public synchronized long pid() {
    return process.pid();
  }

  /** How many times the process has been started. */
  public synchronized int starts() {
    return starts;
  }

  /** Whether {@code /readyz} answers 200 now. */
  public boolean isReady() {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(endpoint("/readyz")).timeout(PROBE_TIMEOUT).GET().build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Waits until the stage is ready; fails naming the stage and its log if it exits or times out.
   */
  public void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (!isReady()) {
      if (!isAlive()) {
        throw new StageException(
            "stage " + name() + " exited with " + process.exitValue() + "; see " + log);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new StageException(
            "stage " + name() + " was not ready within " + timeout + "; see " + log);
      }
      sleep(POLL);
    }
  }

  /** SIGKILL, as a crash or an OOM kill would end it; waits until it is gone. */
  public synchronized void kill() {
    if (isAlive()) {
      LOG.info("Killing stage {} (pid {})", name(), process.pid());
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(30));
    }
  }

  /**
   * SIGTERM and waits up to {@code grace} for a clean exit, then SIGKILL. Returns the exit code.
   */
  public synchronized int stop(Duration grace) {
    if (process == null) {
      return 0;
    }
    if (process.isAlive()) {
      process.destroy();
      if (!waitFor(grace)) {
        LOG.warn("Stage {} did not stop within {}; killing it", name(), grace);
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
      }
    }
    return process.exitValue();
  }

  /** Starts the stage again with the same spec and port; it must have stopped first. */
  public synchronized void restart() {
    if (isAlive()) {
      throw new IllegalStateException("stage " + name() + " is still running");
    }
    launch();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  private synchronized void launch() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-D" + ChildMain.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChildMain.class.getName());
    command.addAll(spec.arguments());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    builder.environment().putAll(spec.environment());
    try {
      Files.createDirectories(log.getParent());
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start stage " + name(), e);
    }
    starts++;
    LOG.info("Started stage {} (pid {}, port {}, log {})", name(), process.pid(), httpPort(), log);
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StageException("interrupted while waiting for a stage", e);
    }
  }
}
