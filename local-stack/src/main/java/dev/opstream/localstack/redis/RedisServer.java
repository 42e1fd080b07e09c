package dev.opstream.localstack.redis;

import dev.opstream.localstack.support.FreePorts;
import dev.opstream.localstack.support.LocalStackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code redis-server} process (from {@code PATH}) on a free port of 127.0.0.1, without
 * persistence, optionally with a password.
 *
 * <p>The process runs under a small shell watchdog that stops it when this JVM's pipe to the
 * watchdog closes: on {@link #close()}, and also when the JVM exits or dies in any way (even {@code
 * kill -9}), where shutdown hooks would not run. Its configuration file and log ({@code
 * redis-PORT.conf}, {@code redis-PORT.log}) are written to the data directory.
 */
public final class RedisServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisServer.class);
  private static final String HOST = "127.0.0.1";
  private static final int START_ATTEMPTS = 3;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Starts the command given as arguments with stdin from /dev/null, and sends it SIGTERM once this
   * shell's stdin (a pipe from the JVM) reaches end of file. Exits with the command's status.
   */
  private static final String WATCHDOG =
      """
      exec 3<&0
      "$@" </dev/null &
      child=$!
      (cat <&3 >/dev/null; kill -TERM "$child" 2>/dev/null) &
      exec 3<&-
      wait "$child"
      """;

  private final int port;
  private final String password;
  private final Process watchdog;
  private final long pid;
  private final Path logFile;
  private boolean closed; // guarded by this

  private RedisServer(int port, String password, Process watchdog, long pid, Path logFile) {
    this.port = port;
    this.password = password;
    this.watchdog = watchdog;
    this.pid = pid;
    this.logFile = logFile;
  }

  /** Starts a server without a password, writing its files to {@code dataDir}. */
  public static RedisServer start(Path dataDir) {
    return start(dataDir, null);
  }

  /**
   * Starts a server that requires {@code password} ({@code null}: none), writing its files to
   * {@code dataDir}.
   *
   * @throws LocalStackException if {@code redis-server} is not installed (the message names the
   *     package) or does not start
   */
  public static RedisServer start(Path dataDir, String password) {
    return start(dataDir, password, RedisBinary.DEFAULT);
  }

  static RedisServer start(Path dataDir, String password, String binary) {
    Path executable = RedisBinary.locate(binary, System.getenv());
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dataDir, e);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return launch(executable, dataDir, FreePorts.pick(), password);
      } catch (PortTakenException e) {
        if (attempt == START_ATTEMPTS) {
          throw new LocalStackException("Redis found no free port: " + e.getMessage());
        }
        LOG.info("Port taken while starting Redis, trying another: {}", e.getMessage());
      }
    }
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:PORT} (without the password). */
  public String uri() {
    return "redis://" + HOST + ":" + port;
  }

  /** The password clients must send with {@code AUTH}, if the server requires one. */
  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /** The process id of {@code redis-server}. */
  public long pid() {
    return pid;
  }

  /** The file that receives the server's log. */
  public Path logFile() {
    return logFile;
  }

  /** Stops the process and waits until it is gone; the data directory is left in place. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      watchdog.getOutputStream().close(); // the watchdog sends redis-server SIGTERM
      if (!watchdog.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Redis on port {} ignored SIGTERM for {}; killing it", port, STOP_TIMEOUT);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        watchdog.destroyForcibly();
      }
      ProcessHandle.of(pid)
          .ifPresent(
              p ->
                  p.onExit()
                      .completeOnTimeout(p, STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                      .join());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stop Redis on port " + port, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalStackException("Interrupted while stopping Redis on port " + port, e);
    }
    LOG.info("Redis {} stopped", uri());
  }

  @Override
  public String toString() {
    return "RedisServer[" + uri() + ", pid " + pid + "]";
  }

  private static RedisServer launch(Path executable, Path dataDir, int port, String password)
      throws PortTakenException {
    long started = System.nanoTime();
    Path configFile = dataDir.resolve("redis-" + port + ".conf");
    Path logFile = dataDir.resolve("redis-" + port + ".log");
    Process watchdog;
    try {
      Files.writeString(configFile, config(dataDir, port, password), StandardCharsets.UTF_8);
      watchdog =
          new ProcessBuilder(
                  List.of(
                      "/bin/sh",
                      "-c",
                      WATCHDOG,
                      "redis-watchdog",
                      executable.toString(),
                      configFile.toString()))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new LocalStackException("Cannot start " + executable, e);
    }
    long pid;
    try {
      pid = awaitReady(watchdog, port, password, logFile);
    } catch (RuntimeException | PortTakenException e) {
      stopWatchdog(watchdog);
      throw e;
    }
    LOG.info(
        "Redis started on {}:{} in {} ms, pid {}, log {}",
        HOST,
        port,
        (System.nanoTime() - started) / 1_000_000,
        pid,
        logFile);
    return new RedisServer(port, password, watchdog, pid, logFile);
  }

  /** Waits for PONG and returns the server's pid. */
  private static long awaitReady(Process watchdog, int port, String password, Path logFile)
      throws PortTakenException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    IOException lastError = null;
    while (System.nanoTime() < deadline) {
      if (!watchdog.isAlive()) {
        String log = readQuietly(logFile);
        if (log.contains("Address already in use")) {
          throw new PortTakenException("port " + port + " is in use");
        }
        throw new LocalStackException(
            "redis-server exited with status " + watchdog.exitValue() + "; its log:\n" + log);
      }
      try (RespClient client = new RespClient(port)) {
        if (password != null) {
          expect(client.call("AUTH", password), "OK");
        }
        expect(client.call("PING"), "PONG");
        return processId((String) client.call("INFO", "server"));
      } catch (IOException e) {
        lastError = e;
        sleep(Duration.ofMillis(20));
      }
    }
    throw new LocalStackException(
        "Redis on port "
            + port
            + " did not answer PING within "
            + START_TIMEOUT
            + "; log:\n"
            + readQuietly(logFile),
        lastError);
  }

  private static String config(Path dataDir, int port, String password) {
    StringBuilder config = new StringBuilder();
    config.append("port ").append(port).append('\n');
    config.append("bind ").append(HOST).append('\n');
    config.append("daemonize no\n");
    config.append("save \"\"\n");
    config.append("appendonly no\n");
    config.append("dir ").append(quoted(dataDir.toAbsolutePath().toString())).append('\n');
    config.append("dbfilename ").append(quoted("dump-" + port + ".rdb")).append('\n');
    config.append("logfile \"\"\n"); // stdout, which goes to redis-PORT.log
    // DEBUG DIGEST lets tests prove that a restored data set is identical.
    config.append("enable-debug-command local\n");
    if (password != null) {
      config.append("requirepass ").append(quoted(password)).append('\n');
    }
    return config.toString();
  }

  private static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static void expect(Object reply, String expected) throws IOException {
    if (!expected.equals(reply)) {
      throw new LocalStackException("Redis answered " + reply + " instead of " + expected);
    }
  }

  private static long processId(String info) {
    return info.lines()
        .filter(line -> line.startsWith("process_id:"))
        .map(line -> Long.parseLong(line.substring("process_id:".length()).trim()))
        .findFirst()
        .orElseThrow(() -> new LocalStackException("Redis INFO has no process_id: " + info));
  }

  private static void stopWatchdog(Process watchdog) {
    try {
      watchdog.getOutputStream().close();
    } catch (IOException ignored) {
      // the pipe is gone already
    }
    watchdog.destroy();
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalStackException("Interrupted while waiting for Redis", e);
    }
  }

  /** redis-server could not bind the port it was given. */
  private static final class PortTakenException extends Exception {
    private static final long serialVersionUID = 1L;

    PortTakenException(String message) {
      super(message);
    }
  }
}
