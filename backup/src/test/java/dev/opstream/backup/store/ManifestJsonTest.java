package dev.opstream.backup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestJsonTest {

  static Manifest sample() {
    return new Manifest(
        1,
        new BackupId("20261122T031500.123Z"),
        BackupMode.SCAN,
        "7.0.15",
        List.of(0, 3),
        1234,
        99_000,
        12_345,
        "ab".repeat(32),
        Instant.parse("2026-11-22T03:15:00.123Z"),
        Instant.parse("2026-11-22T03:15:04.5Z"),
        "opstream 0.1.0");
  }

  @Test
  void readsBackWhatItWrites() {
    Manifest manifest = sample();

    assertThat(ManifestJson.read(ManifestJson.write(manifest))).isEqualTo(manifest);
  }

  @Test
  void writesEveryFieldAPersonOrToolLooksFor() {
    String json = new String(ManifestJson.write(sample()), StandardCharsets.UTF_8);

    assertThat(json)
        .contains("\"formatVersion\" : 1")
        .contains("\"mode\" : \"scan\"")
        .contains("\"dataObject\" : \"keys.zst\"")
        .contains("\"compression\" : \"zstd\"")
        .contains("\"redisVersion\" : \"7.0.15\"")
        .contains("\"keys\" : 1234")
        .contains("\"bytes\" : 12345")
        .contains("\"sha256\"")
        .contains("\"started\" : \"2026-11-22T03:15:00.123Z\"")
        .contains("\"finished\" : \"2026-11-22T03:15:04.500Z\"");
  }

  @Test
  void ignoresFieldsItDoesNotKnow() {
    String json =
        new String(ManifestJson.write(sample()), StandardCharsets.UTF_8)
            .replaceFirst("\\{", "{ \"addedLater\": {\"x\": 1},");

    assertThat(ManifestJson.read(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(sample());
  }

  @Test
  void refusesANewerFormat() {
    String json =
        new String(ManifestJson.write(sample()), StandardCharsets.UTF_8)
            .replace("\"formatVersion\" : 1", "\"formatVersion\" : 2");

    assertThatThrownBy(() -> ManifestJson.read(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ManifestJson.InvalidManifestException.class)
        .hasMessageContaining("format version 2");
  }

  @Test
  void refusesWhatIsNotAManifest() {
    assertThatThrownBy(() -> ManifestJson.read("{\"formatVersion\": 1}".getBytes()))
        .isInstanceOf(ManifestJson.InvalidManifestException.class)
        .hasMessageContaining("databases");
    assertThatThrownBy(() -> ManifestJson.read("half a manif".getBytes()))
        .isInstanceOf(ManifestJson.InvalidManifestException.class)
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> ManifestJson.read("[]".getBytes()))
        .isInstanceOf(ManifestJson.InvalidManifestException.class);
  }
}
