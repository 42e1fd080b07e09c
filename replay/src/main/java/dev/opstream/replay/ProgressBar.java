package dev.opstream.replay;

import java.io.PrintStream;

/**
 * A one-line progress bar on a terminal (standard error), redrawn at most every 200 ms, cleared
 * when the read is over.
 */
public final class ProgressBar implements Progress {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintStream terminal;
  private final String label;
  private long lastDraw;
  private boolean drawn;

  public ProgressBar(PrintStream terminal, String label) {
    this.terminal = terminal;
    this.label = label;
  }

  /** A bar when standard error is a terminal ({@code System.console()}), else nothing. */
  public static Progress onTerminal(String label) {
    return System.console() == null ? NONE : new ProgressBar(System.err, label);
  }

  @Override
  public void update(long done, long total) {
    long now = System.nanoTime();
    if (drawn && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    drawn = true;
    terminal.print("\r" + line(label, done, total));
    terminal.flush();
  }

  @Override
  public void finish() {
    if (drawn) {
      terminal.print("\r" + " ".repeat(WIDTH + label.length() + 40) + "\r");
      terminal.flush();
    }
  }

  /** The bar's text for {@code done} of {@code total}. */
  static String line(String label, long done, long total) {
    double share = total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
    int filled = (int) Math.round(share * WIDTH);
    return String.format(
        "%s [%s%s] %3d%% %,d/%,d records",
        label,
        "#".repeat(filled),
        " ".repeat(WIDTH - filled),
        Math.round(share * 100),
        done,
        total);
  }
}
