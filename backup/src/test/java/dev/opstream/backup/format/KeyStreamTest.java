package dev.opstream.backup.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyStreamTest {

  private static byte[] allByteValues() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  private static byte[] write(List<DumpedKey> keys) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    KeyStreamWriter writer = new KeyStreamWriter(out);
    for (DumpedKey key : keys) {
      writer.write(key);
    }
    writer.finish();
    return out.toByteArray();
  }

  private static List<DumpedKey> read(byte[] stream) throws IOException {
    KeyStreamReader reader = new KeyStreamReader(new ByteArrayInputStream(stream));
    List<DumpedKey> keys = new ArrayList<>();
    Optional<DumpedKey> next;
    while ((next = reader.next()).isPresent()) {
      keys.add(next.get());
    }
    return keys;
  }

  private static final List<DumpedKey> KEYS =
      List.of(
          new DumpedKey(0, "a".getBytes(), DumpedKey.NO_EXPIRY, new byte[] {1, 2}),
          new DumpedKey(0, allByteValues(), 1_800_000_000_000L, allByteValues()),
          new DumpedKey(5, new byte[0], DumpedKey.NO_EXPIRY, new byte[0]),
          new DumpedKey(15, "z".getBytes(), 1L, new byte[] {(byte) 0xFF}));

  @Test
  void readsBackBinaryKeysPayloadsExpiriesAndDatabases() throws IOException {
    List<DumpedKey> back = read(write(KEYS));

    assertThat(back).hasSize(KEYS.size());
    for (int i = 0; i < KEYS.size(); i++) {
      assertThat(back.get(i).database()).isEqualTo(KEYS.get(i).database());
      assertThat(back.get(i).key()).isEqualTo(KEYS.get(i).key());
      assertThat(back.get(i).expireAtMillis()).isEqualTo(KEYS.get(i).expireAtMillis());
      assertThat(back.get(i).payload()).isEqualTo(KEYS.get(i).payload());
    }
  }

  @Test
  void anEmptyBackupIsComplete() throws IOException {
    assertThat(read(write(List.of()))).isEmpty();
  }

  @Test
  void aTruncatedStreamIsNeverTakenAsComplete() throws IOException {
    byte[] whole = write(KEYS);
    for (int length = 0; length < whole.length; length++) {
      byte[] cut = Arrays.copyOf(whole, length);
      assertThatThrownBy(() -> read(cut))
          .as("cut at %d of %d bytes", length, whole.length)
          .isInstanceOf(KeyStreamReader.MalformedStreamException.class);
    }
  }

  @Test
  void refusesAnotherFormat() {
    assertThatThrownBy(() -> read("REDIS0010".getBytes()))
        .isInstanceOf(KeyStreamReader.MalformedStreamException.class)
        .hasMessageContaining("not an opstream key stream");
  }

  @Test
  void refusesDataAfterTheEnd() throws IOException {
    byte[] whole = write(KEYS);
    byte[] longer = Arrays.copyOf(whole, whole.length + 1);

    assertThatThrownBy(() -> read(longer))
        .isInstanceOf(KeyStreamReader.MalformedStreamException.class)
        .hasMessageContaining("after the end");
  }
}
