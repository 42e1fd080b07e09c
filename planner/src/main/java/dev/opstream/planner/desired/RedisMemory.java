package dev.opstream.planner.desired;

import dev.opstream.topics.records.Annotations;

/**
 * How much memory the app's Redis gets: the container's memory limit, and the {@code maxmemory}
 * Redis is told, which is {@value #MAXMEMORY_PERCENT}% of it.
 *
 * <p>Why {@value #MAXMEMORY_PERCENT}%: {@code maxmemory} bounds only the dataset Redis counts;
 * allocator fragmentation, client output buffers, the replication backlog and the process itself
 * come on top. A container that passes its limit is OOM-killed and loses every key, so Redis must
 * start evicting (or refusing writes) well before. A fifth of headroom is the usual advice for a
 * Redis that never forks: opstream's backup reads keys with SCAN and DUMP, so there is no BGSAVE
 * copy-on-write to pay for. A backup that forks (BGSAVE, or a replica SYNC) would need far more.
 *
 * @param limitBytes the container's memory limit in bytes, between {@link #MIN_BYTES} and {@link
 *     #MAX_BYTES}
 */
public record RedisMemory(long limitBytes) {

  /** Redis {@code maxmemory} as a share of the container's limit. */
  public static final int MAXMEMORY_PERCENT = 80;

  /** 32Mi: below this Redis and its buffers barely start. */
  public static final long MIN_BYTES = 32L << 20;

  /** 64Gi: one app's Redis beyond this belongs on a dedicated, hand-run cluster. */
  public static final long MAX_BYTES = 64L << 30;

  /** The default when {@link Annotations#REDIS_MEMORY} is absent: 256Mi. */
  public static final RedisMemory DEFAULT = new RedisMemory(256L << 20);

  public RedisMemory {
    if (limitBytes < MIN_BYTES || limitBytes > MAX_BYTES) {
      throw new IllegalArgumentException(
          "memory limit "
              + limitBytes
              + " bytes is outside ["
              + MIN_BYTES
              + ", "
              + MAX_BYTES
              + "]");
    }
  }

  /** The limit as the shortest exact Kubernetes quantity, such as {@code 256Mi} or {@code 500M}. */
  public String limitQuantity() {
    return MemoryQuantity.format(limitBytes);
  }

  /** What Redis's {@code maxmemory} is set to, in bytes (rounded down). */
  public long maxmemoryBytes() {
    return limitBytes * MAXMEMORY_PERCENT / 100;
  }
}
