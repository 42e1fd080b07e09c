package dev.opstream.backup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionTest {

  private static BackupEntry entry(int minute, BackupState state) {
    BackupId id = BackupId.at(Instant.parse("2026-11-22T03:00:00Z").plusSeconds(60L * minute));
    return new BackupEntry(
        id,
        state,
        Optional.empty(),
        Optional.of(BackupMode.SCAN),
        Optional.of(1L),
        Optional.empty(),
        List.of("backups/" + id + "/keys.zst"));
  }

  private static List<Integer> minutes(List<BackupEntry> entries) {
    return entries.stream()
        .map(e -> (int) ((e.id().started().getEpochSecond() - 1795316400L) / 60))
        .sorted()
        .toList();
  }

  @Test
  void keepsTheNewestGoodBackupsAndDeletesTheOlderOnes() {
    List<BackupEntry> entries = new ArrayList<>();
    for (int minute = 1; minute <= 5; minute++) {
      entries.add(entry(minute, BackupState.GOOD));
    }
    Collections.shuffle(entries);

    assertThat(minutes(Retention.toDelete(entries, 3, Optional.empty()))).containsExactly(1, 2);
  }

  @Test
  void neverDeletesTheLastGoodBackup() {
    List<BackupEntry> entries =
        List.of(
            entry(1, BackupState.GOOD),
            entry(2, BackupState.INCOMPLETE),
            entry(3, BackupState.DAMAGED));

    assertThat(Retention.toDelete(entries, 1, Optional.empty())).isEmpty();
  }

  @Test
  void deletesNothingWhenThereIsNoGoodBackup() {
    List<BackupEntry> entries =
        List.of(entry(1, BackupState.INCOMPLETE), entry(2, BackupState.DAMAGED));

    assertThat(Retention.toDelete(entries, 1, Optional.empty())).isEmpty();
  }

  @Test
  void deletesUnfinishedBackupsOnlyWhenOlderThanEveryKeptGoodOne() {
    List<BackupEntry> entries =
        List.of(
            entry(1, BackupState.INCOMPLETE),
            entry(2, BackupState.GOOD),
            entry(3, BackupState.DAMAGED),
            entry(4, BackupState.GOOD),
            entry(5, BackupState.INCOMPLETE)); // maybe still running

    assertThat(minutes(Retention.toDelete(entries, 2, Optional.empty()))).containsExactly(1);
    assertThat(minutes(Retention.toDelete(entries, 1, Optional.empty()))).containsExactly(1, 2, 3);
  }

  @Test
  void keepsTheBackupJustWrittenWhateverItsId() {
    List<BackupEntry> entries =
        List.of(entry(1, BackupState.GOOD), entry(2, BackupState.GOOD), entry(3, BackupState.GOOD));
    BackupId written = entries.get(0).id(); // a clock that went backwards

    assertThat(minutes(Retention.toDelete(entries, 1, Optional.of(written)))).containsExactly(2);
  }

  @Test
  void anUnfinishedUploadIsAbandonedOnlyWhenOlderThanEveryKeptGoodBackup() {
    List<BackupEntry> entries =
        List.of(entry(2, BackupState.GOOD), entry(4, BackupState.GOOD), entry(6, BackupState.GOOD));
    List<BackupEntry> deleted = Retention.toDelete(entries, 2, Optional.empty()); // minute 2

    assertThat(Retention.abandoned(entry(1, BackupState.INCOMPLETE).id(), entries, deleted))
        .isTrue();
    assertThat(Retention.abandoned(entry(3, BackupState.INCOMPLETE).id(), entries, deleted))
        .isTrue();
    assertThat(Retention.abandoned(entry(5, BackupState.INCOMPLETE).id(), entries, deleted))
        .isFalse();
    assertThat(Retention.abandoned(entry(7, BackupState.INCOMPLETE).id(), entries, deleted))
        .isFalse();
    assertThat(Retention.abandoned(entry(1, BackupState.INCOMPLETE).id(), List.of(), List.of()))
        .isFalse();
  }

  @Test
  void refusesToKeepNone() {
    assertThatThrownBy(() -> Retention.toDelete(List.of(), 0, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
