package dev.opstream.backup.progress;

/**
 * Reports how far a long run has got: a bar redrawn in place on a terminal, a log line now and then
 * otherwise. Callers report often; implementations decide how often to show it.
 */
public interface Progress {

  /** Reports the totals so far: items (keys, or bytes for an RDB) and bytes transferred. */
  void update(long items, long bytes);

  /** The run is over (successfully or not): end the bar's line. */
  void finish();

  /** Shows nothing. */
  Progress NONE =
      new Progress() {
        @Override
        public void update(long items, long bytes) {}

        @Override
        public void finish() {}
      };
}
