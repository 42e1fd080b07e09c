package dev.opstream.backup.redis;

import dev.opstream.backup.BackupException;
import dev.opstream.backup.ExitCode;
import dev.opstream.backup.progress.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores an RDB snapshot by acting as the target's master: this process listens on a port, tells
 * the target {@code REPLICAOF <this host> <port>}, answers its handshake with {@code +FULLRESYNC}
 * and streams the snapshot (diskless {@code $EOF:} format), waits until the target has loaded it,
 * then {@code REPLICAOF NO ONE}. Redis itself replaces the whole data set, in every database, with
 * expiry times as they were.
 *
 * <p>The target must be able to connect to this process (in Kubernetes: the restore Job's pod IP,
 * which is how the target sees this process's connection to it unless {@code --advertise-host} says
 * otherwise). Whatever happens, {@code REPLICAOF NO ONE} is sent before returning.
 */
public final class ReplicaFeed {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicaFeed.class);
  private static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final int CHUNK = 64 * 1024;

  private final RedisTarget target;
  private final Options options;
  private final SecureRandom random = new SecureRandom();

  /**
   * How to serve the snapshot.
   *
   * @param advertiseHost the address the target connects to; empty: this side of the connection to
   *     the target
   * @param listenPort the port to listen on, 0 for any free one
   * @param loadTimeout how long the target may take to receive and load the snapshot
   */
  public record Options(Optional<String> advertiseHost, int listenPort, Duration loadTimeout) {}

  public ReplicaFeed(RedisTarget target, Options options) {
    this.target = target;
    this.options = options;
  }

  /**
   * Replaces the target's data set with the snapshot {@code rdb} streams.
   *
   * @return how many keys the target holds afterwards
   */
  public long restore(InputStream rdb, Progress progress) throws IOException {
    try (RespSocket control = connect();
        ServerSocket server = new ServerSocket()) {
      RedisInfo replication = info(control, "replication");
      if (!"master".equals(replication.get("role").orElse("master"))) {
        throw new BackupException(
            ExitCode.USAGE,
            "Redis "
                + target.display()
                + " is a replica of "
                + replication.get("master_host").orElse("?")
                + ": restore into its master");
      }
      server.bind(new InetSocketAddress(options.listenPort()));
      String host = options.advertiseHost().orElse(control.localAddress().getHostAddress());
      int port = server.getLocalPort();
      LOG.info("Serving the snapshot to {} as its master at {}:{}", target.display(), host, port);
      call(control, "make it a replica of this restore", "REPLICAOF", host, Integer.toString(port));
      try {
        feed(server, host, port, control, rdb, progress);
      } finally {
        promote(control);
      }
      long keys = info(control, "keyspace").totalKeys();
      LOG.info("Redis {} loaded the snapshot: {} keys", target.display(), keys);
      return keys;
    }
  }

  private void feed(
      ServerSocket server,
      String host,
      int port,
      RespSocket control,
      InputStream rdb,
      Progress progress)
      throws IOException {
    server.setSoTimeout((int) ACCEPT_TIMEOUT.toMillis());
    Socket socket;
    try {
      socket = server.accept();
    } catch (SocketTimeoutException e) {
      throw new BackupException(
          ExitCode.REDIS_UNREACHABLE,
          "Redis "
              + target.display()
              + " did not connect back to "
              + host
              + ":"
              + port
              + " within "
              + ACCEPT_TIMEOUT.toSeconds()
              + " s: it must reach this process (set --advertise-host, --listen-port)",
          e);
    }
    try (RespSocket replica = new RespSocket(socket)) {
      socket.setSoTimeout((int) target.timeout().toMillis());
      boolean eofCapable = handshake(replica);
      if (!eofCapable) {
        throw new BackupException(
            ExitCode.FAILED,
            "Redis " + target.display() + " cannot receive a diskless snapshot (capa eof)");
      }
      byte[] mark = hex(20).getBytes(StandardCharsets.US_ASCII);
      OutputStream out = replica.output();
      out.write("$EOF:".getBytes(StandardCharsets.US_ASCII));
      out.write(mark);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[CHUNK];
      long sent = 0;
      int n;
      while ((n = rdb.read(chunk)) >= 0) {
        out.write(chunk, 0, n);
        sent += n;
        progress.update(sent, sent);
      }
      out.write(mark);
      out.flush();
      LOG.info("Sent {} snapshot bytes to {}", sent, target.display());
      AtomicBoolean closed = drain(replica);
      awaitLoaded(control, closed);
    }
  }

  /** Answers the replica's handshake; returns whether it can take the EOF-marked format. */
  private boolean handshake(RespSocket replica) throws IOException {
    boolean eof = false;
    while (true) {
      List<String> command = replica.readCommand();
      if (command.isEmpty()) {
        throw new IOException("Redis closed the replication connection during the handshake");
      }
      String name = command.get(0).toUpperCase(Locale.ROOT);
      LOG.debug("Replica sent {}", name);
      switch (name) {
        case "PING" -> replica.sendStatus("PONG");
        case "AUTH" -> replica.sendStatus("OK");
        case "REPLCONF" -> {
          for (int i = 1; i + 1 < command.size(); i += 2) {
            if (command.get(i).equalsIgnoreCase("capa")
                && command.get(i + 1).equalsIgnoreCase("eof")) {
              eof = true;
            }
          }
          replica.sendStatus("OK");
        }
        case "PSYNC" -> {
          replica.sendStatus("FULLRESYNC " + hex(20) + " 0");
          return eof;
        }
        case "SYNC" -> {
          return eof;
        }
        default -> throw new IOException("unexpected command from the replica: " + name);
      }
    }
  }

  /** Reads and drops what the replica sends (REPLCONF ACK); the flag turns true at its EOF. */
  private static AtomicBoolean drain(RespSocket replica) {
    AtomicBoolean closed = new AtomicBoolean();
    Thread drainer =
        new Thread(
            () -> {
              try {
                InputStream in = replica.input();
                byte[] ignored = new byte[1024];
                while (in.read(ignored) >= 0) {
                  // REPLCONF ACK <offset>
                }
              } catch (IOException e) {
                // timeout or reset: the same as closed for this purpose
              }
              closed.set(true);
            },
            "replica-drain");
    drainer.setDaemon(true);
    drainer.start();
    return closed;
  }

  private void awaitLoaded(RespSocket control, AtomicBoolean replicaClosed) throws IOException {
    long deadline = System.nanoTime() + options.loadTimeout().toNanos();
    while (System.nanoTime() < deadline) {
      RedisInfo replication = info(control, "replication");
      boolean up = replication.get("master_link_status").filter("up"::equals).isPresent();
      boolean syncing = replication.get("master_sync_in_progress").filter("1"::equals).isPresent();
      if (up && !syncing) {
        return;
      }
      if (replicaClosed.get() && !up) {
        throw new BackupException(
            ExitCode.BACKUP_DAMAGED,
            "Redis "
                + target.display()
                + " could not load the snapshot (its log says why: a corrupt backup, or an RDB"
                + " version newer than this Redis); its data set may now be empty");
      }
      sleep(POLL);
    }
    throw new BackupException(
        ExitCode.FAILED,
        "Redis "
            + target.display()
            + " did not finish loading the snapshot within "
            + options.loadTimeout());
  }

  private void promote(RespSocket control) {
    try {
      call(control, "end replication", "REPLICAOF", "NO", "ONE");
    } catch (RuntimeException e) {
      LOG.error(
          "Redis {} may still be a replica of this (gone) restore: run REPLICAOF NO ONE on it: {}",
          target.display(),
          e.getMessage());
    }
  }

  private RespSocket connect() {
    try {
      return RespSocket.connect(target);
    } catch (IOException e) {
      throw RedisErrors.translate(e, target, "connect");
    }
  }

  private RedisInfo info(RespSocket control, String section) {
    Object reply = call(control, "run INFO " + section, "INFO", section);
    return RedisInfo.parse(new String((byte[]) reply, StandardCharsets.UTF_8));
  }

  private Object call(RespSocket control, String doing, String... command) {
    try {
      return control.call(command);
    } catch (IOException e) {
      throw RedisErrors.translate(e, target, doing);
    }
  }

  private String hex(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }

  private static void sleep(Duration duration) throws IOException {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while Redis loads the snapshot");
    }
  }
}
