package dev.opstream.backup.progress;

import dev.opstream.backup.progress.ProgressFactory.Unit;
import java.util.Locale;

/** Formats a run's progress as one line of text. */
record ProgressLine(String task, Unit unit, long total) {

  private static final int BAR_WIDTH = 24;

  /** e.g. {@code backup X [######------] 45% 45,000/100,000 keys, 12.3 MiB, 3.2 s}. */
  String render(long items, long bytes, double seconds, boolean bar) {
    StringBuilder line = new StringBuilder(task).append(' ');
    if (total > 0) {
      double fraction = Math.min(1.0, (double) items / total);
      if (bar) {
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        line.append('[')
            .append("#".repeat(filled))
            .append("-".repeat(BAR_WIDTH - filled))
            .append("] ");
      }
      line.append(String.format(Locale.ROOT, "%3d%% ", (int) Math.floor(fraction * 100)));
    }
    if (unit == Unit.KEYS) {
      line.append(String.format(Locale.ROOT, "%,d", items));
      if (total > 0) {
        line.append(String.format(Locale.ROOT, "/%,d", total));
      }
      line.append(" keys, ").append(Sizes.human(bytes));
    } else {
      line.append(Sizes.human(items));
      if (total > 0) {
        line.append(" of ").append(Sizes.human(total));
      }
    }
    line.append(String.format(Locale.ROOT, ", %.1f s", seconds));
    return line.toString();
  }
}
