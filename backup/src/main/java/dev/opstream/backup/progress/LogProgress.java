package dev.opstream.backup.progress;

import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A log line every 10 seconds, and one at the end: what a CronJob's log should show. */
final class LogProgress implements Progress {

  private static final Logger LOG = LoggerFactory.getLogger(LogProgress.class);
  private static final long INTERVAL_NANOS = 10_000_000_000L;

  private final ProgressLine line;
  private final LongSupplier nanoTime;
  private final long started;
  private long lastLogged;
  private long items;
  private long bytes;

  LogProgress(ProgressLine line, LongSupplier nanoTime) {
    this.line = line;
    this.nanoTime = nanoTime;
    this.started = nanoTime.getAsLong();
    this.lastLogged = started;
  }

  @Override
  public void update(long items, long bytes) {
    this.items = items;
    this.bytes = bytes;
    long now = nanoTime.getAsLong();
    if (now - lastLogged >= INTERVAL_NANOS) {
      lastLogged = now;
      LOG.info("{}", text(now));
    }
  }

  @Override
  public void finish() {
    LOG.info("{}", text(nanoTime.getAsLong()));
  }

  String text(long now) {
    return line.render(items, bytes, (now - started) / 1e9, false);
  }
}
