package dev.opstream.planner.desired;

/** The outcome of checking one annotation value: the value it means, or what is wrong with it. */
sealed interface Checked<T> {

  /** A good value. */
  record Ok<T>(T value) implements Checked<T> {}

  /** A bad value, with what is wrong in words that complete "the value ...". */
  record Bad<T>(String problem) implements Checked<T> {}

  static <T> Checked<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Checked<T> bad(String problem) {
    return new Bad<>(problem);
  }
}
