package dev.opstream.backup.format;

/**
 * One key as {@code DUMP} returned it.
 *
 * @param database the logical database it lives in
 * @param key the key's bytes
 * @param expireAtMillis when it expires, in Unix milliseconds ({@code PEXPIRETIME}), or {@link
 *     #NO_EXPIRY}
 * @param payload the {@code DUMP} payload, which {@code RESTORE} takes back
 */
public record DumpedKey(int database, byte[] key, long expireAtMillis, byte[] payload) {

  /** {@code PEXPIRETIME}'s answer for a key without a time to live. */
  public static final long NO_EXPIRY = -1;

  public boolean expires() {
    return expireAtMillis != NO_EXPIRY;
  }
}
