package dev.opstream.backup.progress;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Makes the right {@link Progress} for where the output goes: a bar on standard error when a
 * terminal is attached ({@code System.console() != null}), plain log lines otherwise (a CronJob's
 * log).
 */
public final class ProgressFactory {

  private final boolean terminal;
  private final PrintWriter err;
  private final LongSupplier nanoTime;

  public ProgressFactory(boolean terminal, PrintWriter err, LongSupplier nanoTime) {
    this.terminal = terminal;
    this.err = err;
    this.nanoTime = nanoTime;
  }

  /** For this process: a terminal if {@link System#console()} says so. */
  public static ProgressFactory forConsole(PrintWriter err) {
    return new ProgressFactory(System.console() != null, err, System::nanoTime);
  }

  /**
   * Progress of {@code task} (e.g. "backup 20261122T031500.123Z"), counting {@code unit}.
   *
   * @param total the expected number of items, 0 when unknown
   */
  public Progress start(String task, Unit unit, long total) {
    ProgressLine line = new ProgressLine(task, unit, total);
    return terminal ? new TerminalProgress(line, err, nanoTime) : new LogProgress(line, nanoTime);
  }

  /** What the items of a run are. */
  public enum Unit {
    KEYS,
    BYTES
  }
}
