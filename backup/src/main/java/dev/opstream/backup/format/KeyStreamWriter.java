package dev.opstream.backup.format;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a scan backup's data (before compression): a header, then per database a {@code SELECT}
 * record followed by one record per key, then an end record with the key count, so that a reader
 * can tell a complete stream from a truncated one.
 *
 * <pre>
 * header:  "OPSK" version(u8 = 1)
 * select:  0x01 database(i32)
 * key:     0x02 keyLength(i32) key expireAtMillis(i64, -1 = none) payloadLength(i32) payload
 * end:     0xFF keyCount(i64)
 * </pre>
 */
public final class KeyStreamWriter {

  static final byte[] MAGIC = {'O', 'P', 'S', 'K'};
  static final int VERSION = 1;
  static final int SELECT = 0x01;
  static final int KEY = 0x02;
  static final int END = 0xFF;

  private final DataOutputStream out;
  private int database = -1;
  private long keys;

  /** Writes the header to {@code out}. */
  public KeyStreamWriter(OutputStream out) throws IOException {
    this.out = new DataOutputStream(out);
    this.out.write(MAGIC);
    this.out.writeByte(VERSION);
  }

  public void write(DumpedKey key) throws IOException {
    if (key.database() != database) {
      out.writeByte(SELECT);
      out.writeInt(key.database());
      database = key.database();
    }
    out.writeByte(KEY);
    out.writeInt(key.key().length);
    out.write(key.key());
    out.writeLong(key.expireAtMillis());
    out.writeInt(key.payload().length);
    out.write(key.payload());
    keys++;
  }

  /** Writes the end record and flushes; the caller closes the stream underneath. */
  public void finish() throws IOException {
    out.writeByte(END);
    out.writeLong(keys);
    out.flush();
  }

  public long keys() {
    return keys;
  }
}
