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
 * PEXPIRETIME each of its keys in one pipeline, write them, next page. Memory holds one page's
 * payloads at a time, whatever the data set's size.
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
      ScanCursor cursor = ScanCursor.INITIAL;
      ScanArgs page = ScanArgs.Builder.limit(PAGE);
      do {
        KeyScanCursor<byte[]> scanned =
            session.await(session.async().scan(cursor, page), "SCAN db " + database);
        copyPage(database, scanned.getKeys(), writer);
        progress.update(writer.keys(), bytesWritten.getAsLong());
        cursor = scanned;
      } while (!cursor.isFinished());
    }
    return writer.keys();
  }

  private void copyPage(int database, List<byte[]> keys, KeyStreamWriter writer)
      throws IOException {
    if (keys.isEmpty()) {
      return;
    }
    List<RedisFuture<byte[]>> dumps = new ArrayList<>(keys.size());
    List<RedisFuture<Long>> expiries = new ArrayList<>(keys.size());
    List<RedisFuture<?>> all = new ArrayList<>(keys.size() * 2);
    for (byte[] key : keys) {
      RedisFuture<Long> expiry = session.async().pexpiretime(key);
      RedisFuture<byte[]> dump = session.async().dump(key);
      expiries.add(expiry);
      dumps.add(dump);
      all.add(expiry);
      all.add(dump);
    }
    session.awaitAll(all, "DUMP keys of db " + database);
    for (int i = 0; i < keys.size(); i++) {
      byte[] payload = session.result(dumps.get(i), "DUMP");
      long expireAt = session.result(expiries.get(i), "PEXPIRETIME");
      if (payload == null || expireAt == -2) {
        continue; // deleted or expired since SCAN saw it
      }
      writer.write(new DumpedKey(database, keys.get(i), expireAt, payload));
    }
  }
}
