package dev.opstream.backup.progress;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/** A progress bar redrawn in place ({@code \r}) at most every 100 ms. */
final class TerminalProgress implements Progress {

  private static final long REDRAW_NANOS = 100_000_000L;

  private final ProgressLine line;
  private final PrintWriter err;
  private final LongSupplier nanoTime;
  private final long started;
  private long lastDrawn = Long.MIN_VALUE;
  private long items;
  private long bytes;
  private int width;

  TerminalProgress(ProgressLine line, PrintWriter err, LongSupplier nanoTime) {
    this.line = line;
    this.err = err;
    this.nanoTime = nanoTime;
    this.started = nanoTime.getAsLong();
  }

  @Override
  public void update(long items, long bytes) {
    this.items = items;
    this.bytes = bytes;
    long now = nanoTime.getAsLong();
    if (lastDrawn == Long.MIN_VALUE || now - lastDrawn >= REDRAW_NANOS) {
      draw(now);
    }
  }

  @Override
  public void finish() {
    draw(nanoTime.getAsLong());
    err.println();
    err.flush();
  }

  private void draw(long now) {
    lastDrawn = now;
    String text = line.render(items, bytes, (now - started) / 1e9, true);
    String padding = " ".repeat(Math.max(0, width - text.length()));
    width = text.length();
    err.print("\r" + text + padding);
    err.flush();
  }
}
