package dev.opstream.topics.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstream.topics.records.AppKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AppKeySerdeTest {

  private final AppKeySerde serde = new AppKeySerde();

  @Test
  void writesTheKeyAsPlainText() {
    byte[] bytes = serde.serializer().serialize("t", AppKey.parse("c/ns/app"));

    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("c/ns/app");
    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(AppKey.parse("c/ns/app"));
  }

  @Test
  void keyThatIsNotAnAppKeyIsAnInvalidKeyError() {
    byte[] bytes = "not a key".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> serde.deserializer().deserialize("opstream.results", bytes))
        .isInstanceOf(RecordReadException.class)
        .hasMessageContaining("opstream.results")
        .satisfies(
            e ->
                assertThat(((RecordReadException) e).reason())
                    .isEqualTo(RecordReadException.Reason.INVALID_KEY));
  }

  @Test
  void nullKeyStaysNull() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }
}
