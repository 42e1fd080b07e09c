package dev.opstream.backup.redis;

import dev.opstream.backup.BackupException;
import dev.opstream.backup.ExitCode;
import dev.opstream.backup.progress.Progress;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures a point-in-time RDB from a Redis server the way a replica does: {@code REPLCONF rdb-only
 * 1} (Redis 7+: send the snapshot, then no command stream), {@code REPLCONF capa eof} (let it
 * stream a diskless snapshot), {@code SYNC}. The server forks and sends the snapshot as it writes
 * it; this streams it on without holding it.
 *
 * <p>Managed services (ElastiCache, Memorystore, Azure Cache) and ACL users without {@code +sync}
 * refuse {@code SYNC}: that is {@link ExitCode#SYNC_REFUSED}, and {@code --mode scan} works there.
 */
public final class ReplicationSource implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicationSource.class);
  private static final int EOF_MARK_LENGTH = 40;
  private static final int CHUNK = 64 * 1024;

  private final RedisTarget target;
  private final RespSocket socket;

  private ReplicationSource(RedisTarget target, RespSocket socket) {
    this.target = target;
    this.socket = socket;
  }

  /**
   * Connects and authenticates.
   *
   * @throws BackupException REDIS_UNREACHABLE, REDIS_AUTH_FAILED, ...
   */
  public static ReplicationSource connect(RedisTarget target) {
    try {
      return new ReplicationSource(target, RespSocket.connect(target));
    } catch (IOException e) {
      throw RedisErrors.translate(e, target, "connect");
    }
  }

  /** {@code INFO section}, or an empty one if the user may not run INFO. */
  public RedisInfo info(String section) {
    try {
      Object reply = socket.call("INFO", section);
      return RedisInfo.parse(new String((byte[]) reply, StandardCharsets.UTF_8));
    } catch (RespSocket.ErrorReply e) {
      LOG.warn("Redis {} refused INFO {}: {}", target.display(), section, e.getMessage());
      return RedisInfo.parse("");
    } catch (IOException e) {
      throw RedisErrors.translate(e, target, "run INFO " + section);
    }
  }

  /**
   * Asks for a snapshot and copies it to {@code sink}.
   *
   * @return the snapshot's size in bytes
   * @throws BackupException SYNC_REFUSED if the server will not replicate
   */
  public long copySnapshot(OutputStream sink, Progress progress) throws IOException {
    try {
      try {
        socket.call("REPLCONF", "rdb-only", "1");
      } catch (RespSocket.ErrorReply e) {
        if (e.getMessage().startsWith("NOPERM")) {
          throw refused("REPLCONF", e);
        }
        // Before Redis 7.0: the server streams commands after the snapshot; we stop reading.
        LOG.debug("Redis {} does not know REPLCONF rdb-only: {}", target.display(), e.getMessage());
      }
      socket.call("REPLCONF", "capa", "eof");
      socket.send("SYNC");
    } catch (RespSocket.ErrorReply e) {
      throw refused("REPLCONF", e);
    } catch (IOException e) {
      throw RedisErrors.translate(e, target, "start replication");
    }
    String header = readPayloadHeader();
    long copied =
        header.startsWith("EOF:")
            ? copyUntilMark(header.substring(4).getBytes(StandardCharsets.US_ASCII), sink, progress)
            : copyLength(Long.parseLong(header), sink, progress);
    LOG.info("Received a {} byte RDB snapshot from {}", copied, target.display());
    return copied;
  }

  /** Skips the newlines a master sends while it prepares the snapshot, then reads {@code $...}. */
  private String readPayloadHeader() throws IOException {
    InputStream in = socket.input();
    while (true) {
      int type;
      try {
        type = in.read();
      } catch (IOException e) {
        throw RedisErrors.translate(e, target, "receive the snapshot");
      }
      if (type == '\n' || type == '\r') {
        continue;
      }
      if (type < 0) {
        throw new BackupException(
            ExitCode.SYNC_REFUSED,
            "Redis " + target.display() + " closed the connection instead of sending a snapshot");
      }
      String line = socket.readLine();
      if (type == '-') {
        throw refused("SYNC", new RespSocket.ErrorReply(line));
      }
      if (type == '+') {
        continue; // +FULLRESYNC <replid> <offset>, had we sent PSYNC
      }
      if (type != '$') {
        throw new IOException("unexpected reply to SYNC: " + (char) type + line);
      }
      return line;
    }
  }

  private long copyLength(long length, OutputStream sink, Progress progress) throws IOException {
    InputStream in = socket.input();
    byte[] chunk = new byte[CHUNK];
    long copied = 0;
    while (copied < length) {
      int n = in.read(chunk, 0, (int) Math.min(chunk.length, length - copied));
      if (n < 0) {
        throw new EOFException("Redis closed the connection after " + copied + " snapshot bytes");
      }
      sink.write(chunk, 0, n);
      copied += n;
      progress.update(copied, copied);
    }
    return copied;
  }

  /** Copies until the stream ends with {@code mark}, which is not copied. */
  private long copyUntilMark(byte[] mark, OutputStream sink, Progress progress) throws IOException {
    if (mark.length != EOF_MARK_LENGTH) {
      throw new IOException("an EOF mark of " + mark.length + " bytes");
    }
    InputStream in = socket.input();
    byte[] window = new byte[CHUNK + EOF_MARK_LENGTH];
    int held = 0; // bytes at the start of window not yet written: the possible start of the mark
    long copied = 0;
    while (true) {
      int n = in.read(window, held, CHUNK);
      if (n < 0) {
        throw new EOFException("Redis closed the connection after " + copied + " snapshot bytes");
      }
      int total = held + n;
      if (total >= EOF_MARK_LENGTH
          && Arrays.equals(window, total - EOF_MARK_LENGTH, total, mark, 0, EOF_MARK_LENGTH)) {
        sink.write(window, 0, total - EOF_MARK_LENGTH);
        return copied + total - EOF_MARK_LENGTH;
      }
      int writable = Math.max(0, total - EOF_MARK_LENGTH);
      sink.write(window, 0, writable);
      copied += writable;
      held = total - writable;
      System.arraycopy(window, writable, window, 0, held);
      progress.update(copied, copied);
    }
  }

  private BackupException refused(String command, RespSocket.ErrorReply reply) {
    return new BackupException(
        ExitCode.SYNC_REFUSED,
        "Redis "
            + target.display()
            + " refused "
            + command
            + " ("
            + reply.getMessage()
            + "): --mode rdb needs replication, which managed Redis services and ACL users"
            + " without +sync +replconf do not allow; use --mode scan",
        reply);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
