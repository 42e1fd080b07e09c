package dev.opstream.backup.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupLayoutTest {

  private static final BackupId ID = new BackupId("20261122T031500.123Z");
  private final BackupLayout layout = BackupLayout.forPrefix("backups/");

  @Test
  void namesTheObjectsOfABackupUnderItsFolder() {
    assertThat(layout.manifestKey(ID)).isEqualTo("backups/20261122T031500.123Z/manifest.json");
    assertThat(layout.dataKey(ID, BackupMode.SCAN))
        .isEqualTo("backups/20261122T031500.123Z/keys.zst");
    assertThat(layout.dataKey(ID, BackupMode.RDB))
        .isEqualTo("backups/20261122T031500.123Z/dump.rdb.zst");
  }

  @Test
  void addsTheMissingSlashToAPrefixAndAcceptsNone() {
    assertThat(BackupLayout.forPrefix("backups").prefix()).isEqualTo("backups/");
    assertThat(BackupLayout.forPrefix("").manifestKey(ID))
        .isEqualTo("20261122T031500.123Z/manifest.json");
    assertThat(BackupLayout.forPrefix(null).prefix()).isEmpty();
  }

  @Test
  void recognisesItsOwnObjects() {
    assertThat(layout.classify(layout.manifestKey(ID)))
        .hasValueSatisfying(
            object -> {
              assertThat(object.id()).isEqualTo(ID);
              assertThat(object.isManifest()).isTrue();
            });
    assertThat(layout.classify(layout.dataKey(ID, BackupMode.RDB)))
        .hasValueSatisfying(object -> assertThat(object.dataMode()).contains(BackupMode.RDB));
  }

  @Test
  void neverTakesAnotherObjectForABackup() {
    assertThat(layout.classify("backups/notes.txt")).isEmpty();
    assertThat(layout.classify("backups/20261122T031500.123Z/other.bin")).isEmpty();
    assertThat(layout.classify("backups/20261122T031500.123Z/sub/manifest.json")).isEmpty();
    assertThat(layout.classify("backups/latest/manifest.json")).isEmpty();
    assertThat(layout.classify("other/20261122T031500.123Z/manifest.json")).isEmpty();
    assertThat(layout.classify("backups-old/20261122T031500.123Z/keys.zst")).isEmpty();
    assertThat(layout.classify("20261122T031500.123Z/keys.zst")).isEqualTo(Optional.empty());
  }
}
