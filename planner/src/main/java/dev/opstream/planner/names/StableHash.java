package dev.opstream.planner.names;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The short hash in shortened names: the first {@value #LENGTH} characters of the lower-case RFC
 * 4648 base32 form of SHA-256 over the parts, each written as {@code <byte length>:<UTF-8 bytes>}
 * so that no two lists of parts share an input ({@code ("a-b","c")} and {@code ("a","b-c")}
 * differ). It never changes between releases: names already in clusters and S3 depend on it.
 *
 * <p>By hand: {@code printf '4:prod7:default4:cart' | sha256sum | xxd -r -p | base32 | tr A-Z a-z |
 * cut -c1-10}.
 */
final class StableHash {

  /**
   * 50 bits. Two shortened names collide only if their readable parts are equal as well; among a
   * thousand inputs that share one readable part, the chance of any collision is about one in two
   * thousand million (n² / 2⁵¹).
   */
  static final int LENGTH = 10;

  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private StableHash() {}

  static String of(String... parts) {
    MessageDigest sha256 = sha256();
    for (String part : parts) {
      byte[] bytes = utf8(part);
      sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
      sha256.update(bytes);
    }
    byte[] digest = sha256.digest();
    StringBuilder out = new StringBuilder(LENGTH);
    int buffer = 0;
    int bits = 0;
    int next = 0;
    while (out.length() < LENGTH) {
      if (bits < 5) {
        buffer = (buffer << 8) | (digest[next++] & 0xff);
        bits += 8;
      }
      out.append(BASE32[(buffer >>> (bits - 5)) & 31]);
      bits -= 5;
    }
    return out.toString();
  }

  /**
   * UTF-8, except that an unpaired surrogate is encoded like any other code point instead of
   * becoming {@code ?}: distinct strings must give distinct bytes, even malformed ones.
   */
  private static byte[] utf8(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
    text.codePoints()
        .forEach(
            cp -> {
              if (cp < 0x80) {
                out.write(cp);
              } else if (cp < 0x800) {
                out.write(0xc0 | cp >> 6);
                out.write(0x80 | cp & 0x3f);
              } else if (cp < 0x10000) {
                out.write(0xe0 | cp >> 12);
                out.write(0x80 | cp >> 6 & 0x3f);
                out.write(0x80 | cp & 0x3f);
              } else {
                out.write(0xf0 | cp >> 18);
                out.write(0x80 | cp >> 12 & 0x3f);
                out.write(0x80 | cp >> 6 & 0x3f);
                out.write(0x80 | cp & 0x3f);
              }
            });
    return out.toByteArray();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
  }
}
