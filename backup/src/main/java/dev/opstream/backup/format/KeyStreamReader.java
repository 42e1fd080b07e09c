package dev.opstream.backup.format;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

/** Reads what {@link KeyStreamWriter} wrote, and insists on its end record. */
public final class KeyStreamReader {

  /** Keys and payloads larger than this are taken as corruption, not allocated. */
  private static final int MAX_LENGTH = 512 * 1024 * 1024;

  private final DataInputStream in;
  private int database = -1;
  private long keys;
  private boolean ended;

  /**
   * Reads the header from {@code in}.
   *
   * @throws MalformedStreamException if it is not a key stream of a version this reads
   */
  public KeyStreamReader(InputStream in) throws IOException {
    this.in = new DataInputStream(in);
    byte[] magic = new byte[KeyStreamWriter.MAGIC.length];
    try {
      this.in.readFully(magic);
      if (!Arrays.equals(magic, KeyStreamWriter.MAGIC)) {
        throw new MalformedStreamException("not an opstream key stream");
      }
      int version = this.in.readUnsignedByte();
      if (version != KeyStreamWriter.VERSION) {
        throw new MalformedStreamException("key stream version " + version + " is not supported");
      }
    } catch (EOFException e) {
      throw new MalformedStreamException("the key stream is empty or truncated");
    }
  }

  /**
   * The next key, or empty after the end record.
   *
   * @throws MalformedStreamException if the stream is truncated or corrupt
   */
  public Optional<DumpedKey> next() throws IOException {
    if (ended) {
      return Optional.empty();
    }
    try {
      while (true) {
        int type = in.readUnsignedByte();
        switch (type) {
          case KeyStreamWriter.SELECT -> database = in.readInt();
          case KeyStreamWriter.KEY -> {
            if (database < 0) {
              throw new MalformedStreamException("a key before any database");
            }
            byte[] key = bytes();
            long expireAt = in.readLong();
            byte[] payload = bytes();
            keys++;
            return Optional.of(new DumpedKey(database, key, expireAt, payload));
          }
          case KeyStreamWriter.END -> {
            long count = in.readLong();
            if (count != keys) {
              throw new MalformedStreamException(
                  "the stream says " + count + " keys but holds " + keys);
            }
            if (in.read() != -1) {
              throw new MalformedStreamException("data after the end record");
            }
            ended = true;
            return Optional.empty();
          }
          default -> throw new MalformedStreamException("unknown record type " + type);
        }
      }
    } catch (EOFException e) {
      throw new MalformedStreamException("the key stream is truncated after " + keys + " keys");
    }
  }

  /** Keys read so far. */
  public long keys() {
    return keys;
  }

  private byte[] bytes() throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_LENGTH) {
      throw new MalformedStreamException("a length of " + length + " bytes");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }

  /** The data is not a complete key stream. */
  public static final class MalformedStreamException extends IOException {
    private static final long serialVersionUID = 1L;

    public MalformedStreamException(String message) {
      super(message);
    }
  }
}
