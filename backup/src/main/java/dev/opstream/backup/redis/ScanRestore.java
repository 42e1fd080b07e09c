package dev.opstream.backup.redis;

import dev.opstream.backup.format.DumpedKey;
import dev.opstream.backup.format.KeyStreamReader;
import dev.opstream.backup.progress.Progress;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RestoreArgs;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Writes a key stream back with {@code RESTORE key ttl payload ABSTTL REPLACE}, pipelined in
 * batches of {@value #BATCH_KEYS} keys or {@value #BATCH_BYTES} payload bytes, two batches in
 * flight at most, so memory stays bounded whatever the backup's size. Keys whose time to live ended
 * meanwhile are not created (Redis drops them); keys already in the target are replaced; others are
 * left alone.
 */
public final class ScanRestore {

  static final int BATCH_KEYS = 1_000;
  static final int BATCH_BYTES = 8 * 1024 * 1024;

  private final RedisSession session;
  private final Clock clock;

  public ScanRestore(RedisSession session, Clock clock) {
    this.session = session;
    this.clock = clock;
  }

  /**
   * Empties every database first ({@code FLUSHALL}), for {@code --flush}.
   *
   * @throws dev.opstream.backup.BackupException if Redis refuses
   */
  public void flushAll() {
    session.await(session.async().flushall(), "FLUSHALL");
  }

  /**
   * Restores every key {@code reader} holds.
   *
   * @param bytesRead the compressed bytes read so far (for progress)
   * @return what was restored
   */
  public Restored restore(KeyStreamReader reader, Progress progress, LongSupplier bytesRead)
      throws IOException {
    int database = -1;
    long expired = 0;
    List<RedisFuture<?>> batch = new ArrayList<>(BATCH_KEYS);
    List<RedisFuture<?>> previous = List.of();
    long batchBytes = 0;
    Optional<DumpedKey> next;
    while ((next = reader.next()).isPresent()) {
      DumpedKey key = next.get();
      if (key.database() != database) {
        database = key.database();
        batch.add(session.async().select(database));
      }
      RestoreArgs args = new RestoreArgs().replace();
      if (key.expires()) {
        args.ttl(key.expireAtMillis()).absttl();
        if (key.expireAtMillis() <= clock.millis()) {
          expired++;
        }
      }
      batch.add(session.async().restore(key.key(), key.payload(), args));
      batchBytes += key.payload().length + key.key().length;
      if (batch.size() >= BATCH_KEYS || batchBytes >= BATCH_BYTES) {
        // Send this batch, then wait for the one before: Redis always has work queued.
        session.flush();
        session.awaitAll(previous, "RESTORE keys into db " + database);
        previous = batch;
        batch = new ArrayList<>(BATCH_KEYS);
        batchBytes = 0;
        progress.update(reader.keys(), bytesRead.getAsLong());
      }
    }
    session.awaitAll(previous, "RESTORE keys into db " + database);
    session.awaitAll(batch, "RESTORE keys into db " + database);
    progress.update(reader.keys(), bytesRead.getAsLong());
    return new Restored(reader.keys(), expired);
  }

  /**
   * What a restore did.
   *
   * @param keys keys read from the backup and sent
   * @param expired of those, keys whose time to live had already ended (not created)
   */
  public record Restored(long keys, long expired) {}
}
