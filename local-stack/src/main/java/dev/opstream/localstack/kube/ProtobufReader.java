package dev.opstream.localstack.kube;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal reader of the protobuf wire format: enough to walk the messages Kubernetes clients send
 * (varints, length-delimited fields, fixed 32/64-bit values). Groups are not supported.
 */
final class ProtobufReader {

  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private final byte[] buf;
  private int pos;
  private final int end;
  private int tag;

  ProtobufReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  private ProtobufReader(byte[] buf, int offset, int end) {
    this.buf = buf;
    this.pos = offset;
    this.end = end;
  }

  /** Advances to the next field; false at the end of the message. */
  boolean next() {
    if (pos >= end) {
      return false;
    }
    tag = (int) readVarint();
    if (tag == 0) {
      throw new IllegalArgumentException("invalid protobuf tag 0 at offset " + pos);
    }
    return true;
  }

  int field() {
    return tag >>> 3;
  }

  int wireType() {
    return tag & 7;
  }

  long varint() {
    expect(VARINT);
    return readVarint();
  }

  boolean bool() {
    return varint() != 0;
  }

  byte[] bytes() {
    expect(LENGTH_DELIMITED);
    int len = length();
    byte[] out = Arrays.copyOfRange(buf, pos, pos + len);
    pos += len;
    return out;
  }

  String string() {
    expect(LENGTH_DELIMITED);
    int len = length();
    String out = new String(buf, pos, len, StandardCharsets.UTF_8);
    pos += len;
    return out;
  }

  /** A reader over the embedded message in the current field. */
  ProtobufReader message() {
    expect(LENGTH_DELIMITED);
    int len = length();
    ProtobufReader sub = new ProtobufReader(buf, pos, pos + len);
    pos += len;
    return sub;
  }

  /** Skips the current field's value. */
  void skip() {
    switch (wireType()) {
      case VARINT -> readVarint();
      case FIXED64 -> advance(8);
      case LENGTH_DELIMITED -> advance(length());
      case FIXED32 -> advance(4);
      default ->
          throw new IllegalArgumentException(
              "unsupported protobuf wire type " + wireType() + " for field " + field());
    }
  }

  private int length() {
    long len = readVarint();
    if (len < 0 || pos + len > end) {
      throw new IllegalArgumentException("protobuf length " + len + " runs past the message end");
    }
    return (int) len;
  }

  private void advance(int n) {
    if (pos + n > end) {
      throw new IllegalArgumentException("protobuf field runs past the message end");
    }
    pos += n;
  }

  private long readVarint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw new IllegalArgumentException("truncated protobuf varint");
      }
      byte b = buf[pos++];
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("malformed protobuf varint");
  }

  private void expect(int wireType) {
    if (wireType() != wireType) {
      throw new IllegalArgumentException(
          "protobuf field " + field() + " has wire type " + wireType() + ", expected " + wireType);
    }
  }
}
