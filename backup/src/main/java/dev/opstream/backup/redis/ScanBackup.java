package dev.opstream.backup.redis;

import dev.opstream.backup.format.DumpedKey;
import dev.opstream.backup.format.KeyStreamWriter;
import dev.opstream.backup.progress.Progress;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Copies every key of every logical database into a key stream: SCAN a page, then DUMP and
 * PEXPIRETIME each of its keys in one pipeline together with the next SCAN, write them, next page.
 * Memory holds one page's payloads at a time, whatever the data set's size.
 *
 * <p>Not a point-in-time snapshot: a key written during the run may or may not be in the backup, a
 * key deleted during it is skipped, and each key is copied as it was when its page was read. A key
 * may appear twice if Redis rehashed during the SCAN (restoring replaces it, so the data set is the
 * same).
 */
public final class ScanBackup {

  /** Keys per SCAN page, and so per pipeline. */
  static final int PAGE = 1_000;

  private final RedisSession session;

  public ScanBackup(RedisSession session) {
    this.session = session;
  }

  /**
   * Writes the keys of {@code databases} to {@code writer}.
   *
   * @param bytesWritten the bytes written so far (for progress)
   * @return how many keys were written
   */
  public long copy(
      List<Integer> databases, KeyStreamWriter writer, Progress progress, LongSupplier bytesWritten)
      throws IOException {
    for (int database : databases) {
      session.await(session.async().select(database), "SELECT " + database);
      ScanArgs page = ScanArgs.Builder.limit(PAGE);
      KeyScanCursor<byte[]> scanned =
          session.await(session.async().scan(ScanCursor.INITIAL, page), "SCAN db " + database);
      while (true) {
        // The next SCAN goes out with this page's DUMPs: one round trip per page.
        Page dumped = requestPage(scanned.getKeys());
        RedisFuture<KeyScanCursor<byte[]>> next =
            scanned.isFinished() ? null : session.async().scan(scanned, page);
        session.flush();
        writePage(database, scanned.getKeys(), dumped, writer);
        progress.update(writer.keys(), bytesWritten.getAsLong());
        if (next == null) {
          break;
        }
        scanned = session.result(next, "SCAN db " + database);
      }
    }
    return writer.keys();
  }

  private Page requestPage(List<byte[]> keys) {
    List<RedisFuture<byte[]>> dumps = new ArrayList<>(keys.size());
    List<RedisFuture<Long>> expiries = new ArrayList<>(keys.size());
    for (byte[] key : keys) {
      expiries.add(session.async().pexpiretime(key));
      dumps.add(session.async().dump(key));
    }
    return new Page(dumps, expiries);
  }

  private void writePage(int database, List<byte[]> keys, Page page, KeyStreamWriter writer)
      throws IOException {
    for (int i = 0; i < keys.size(); i++) {
      long expireAt = session.result(page.expiries().get(i), "PEXPIRETIME");
      byte[] payload = session.result(page.dumps().get(i), "DUMP");
      if (payload == null || expireAt == -2) {
        continue; // deleted or expired since SCAN saw it
      }
      writer.write(new DumpedKey(database, keys.get(i), expireAt, payload));
    }
  }

  /** The replies to one page's commands, in key order. */
  private record Page(List<RedisFuture<byte[]>> dumps, List<RedisFuture<Long>> expiries) {}
}
