package dev.opstream.localstack.kafka;

import dev.opstream.localstack.support.FreePorts;
import dev.opstream.localstack.support.LocalStackException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one node) running inside this
 * JVM, listening on 127.0.0.1.
 *
 * <p>It keeps its ports and its data across {@link #stop()} and {@link #restart()}, so clients that
 * stay open reconnect to it. Internal topics have one replica, so transactions ({@code
 * exactly_once_v2}) work. {@link #close()} stops it and leaves the data directory in place.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
  private static final int START_ATTEMPTS = 3;

  private final Path logDir;
  private final int brokerPort;
  private final int controllerPort;
  private KafkaRaftServer server; // guarded by this

  private KafkaBroker(Path logDir, int brokerPort, int controllerPort) {
    this.logDir = logDir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
  }

  /**
   * Starts a broker on free ports that keeps its data under {@code dataDir} (created if missing). A
   * directory that already holds a broker's data is reused as it is.
   */
  public static KafkaBroker start(Path dataDir) {
    Path logDir = dataDir.resolve("kafka-logs");
    for (int attempt = 1; ; attempt++) {
      List<Integer> ports = FreePorts.pick(2);
      KafkaBroker broker = new KafkaBroker(logDir, ports.get(0), ports.get(1));
      try {
        broker.startServer();
        return broker;
      } catch (LocalStackException e) {
        if (attempt == START_ATTEMPTS || !causedByBindFailure(e)) {
          throw e;
        }
        LOG.info(
            "Port taken while starting the Kafka broker, trying other ports: {}", e.toString());
      }
    }
  }

  /** {@code 127.0.0.1:PORT}, the value for {@code bootstrap.servers}; the same after restarts. */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /** The directory that holds the broker's logs and metadata. */
  public Path logDir() {
    return logDir;
  }

  /** Stops the broker and keeps its data; does nothing if it is not running. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    long started = System.nanoTime();
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      server = null;
    }
    LOG.info("Kafka broker {} stopped in {} ms", bootstrapServers(), millisSince(started));
  }

  /** Stops the broker if it runs, then starts it again on the same ports with the same data. */
  public synchronized void restart() {
    stop();
    startServer();
  }

  /** Whether the broker is running (started and not stopped since). */
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Stops the broker; the data directory is left in place. */
  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "KafkaBroker[" + bootstrapServers() + ", " + logDir + "]";
  }

  private synchronized void startServer() {
    if (server != null) {
      return;
    }
    long started = System.nanoTime();
    KafkaConfig config =
        KafkaConfig.fromProps(KafkaBrokerProperties.of(logDir, brokerPort, controllerPort), false);
    formatStorageIfNew();
    KafkaRaftServer candidate = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      candidate.startup();
    } catch (RuntimeException e) {
      shutdownQuietly(candidate);
      throw new LocalStackException(
          "Kafka broker failed to start on " + bootstrapServers() + " with data in " + logDir, e);
    }
    server = candidate;
    LOG.info(
        "Kafka broker started on {} in {} ms, data in {}",
        bootstrapServers(),
        millisSince(started),
        logDir);
  }

  private void formatStorageIfNew() {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try {
      Files.createDirectories(logDir);
      new Formatter()
          .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
          .setNodeId(KafkaBrokerProperties.NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(logDir.toAbsolutePath().toString()))
          .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
          .setControllerListenerName(KafkaBrokerProperties.CONTROLLER_LISTENER)
          .setReleaseVersion(MetadataVersion.latestProduction())
          .run();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + logDir, e);
    } catch (Exception e) {
      throw new LocalStackException("Cannot format Kafka storage in " + logDir, e);
    }
    LOG.debug("Formatted Kafka storage: {}", output.toString(StandardCharsets.UTF_8).trim());
  }

  private static void shutdownQuietly(KafkaRaftServer candidate) {
    try {
      candidate.shutdown();
      candidate.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.debug("Shutting down a Kafka broker that failed to start also failed", e);
    }
  }

  private static boolean causedByBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
