package dev.opstream.replay;

/** Told how far a read has come; a progress bar on a terminal, nothing otherwise. */
public interface Progress {

  Progress NONE = (done, total) -> {};

  /** {@code done} of {@code total} records (offsets) read so far. */
  void update(long done, long total);

  /** The read is over. */
  default void finish() {}
}
