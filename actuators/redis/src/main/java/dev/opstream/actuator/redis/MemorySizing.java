package dev.opstream.actuator.redis;

import dev.opstream.actuator.runner.ActuatorException;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Turns the app's memory (the container's limit) into Redis's {@code maxmemory}. */
final class MemorySizing {

  /** Below this Redis is of no use; also the chart's schema minimum for maxmemory. */
  static final long MIN_MAXMEMORY_BYTES = 1024 * 1024;

  private MemorySizing() {}

  /**
   * {@code maxmemory} in bytes: {@code percent} of {@code memory}, rounded down.
   *
   * @throws ActuatorException permanent when {@code memory} is not a whole number of bytes as a
   *     Kubernetes quantity, or leaves less than 1 MiB to Redis
   */
  static long maxmemoryBytes(String memory, int percent) {
    BigDecimal bytes;
    try {
      bytes = Quantity.getAmountInBytes(new Quantity(memory));
    } catch (RuntimeException e) {
      throw ActuatorException.permanent(
          "memory '" + memory + "' is not a Kubernetes quantity such as 256Mi or 1Gi");
    }
    if (bytes.signum() <= 0 || bytes.stripTrailingZeros().scale() > 0) {
      throw ActuatorException.permanent(
          "memory '" + memory + "' must be a positive whole number of bytes, such as 256Mi");
    }
    long maxmemory =
        bytes
            .multiply(BigDecimal.valueOf(percent))
            .divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN)
            .longValueExact();
    if (maxmemory < MIN_MAXMEMORY_BYTES) {
      throw ActuatorException.permanent(
          "memory '"
              + memory
              + "' is too small: Redis would get "
              + maxmemory
              + " bytes ("
              + percent
              + "%), at least "
              + MIN_MAXMEMORY_BYTES
              + " are needed");
    }
    return maxmemory;
  }
}
