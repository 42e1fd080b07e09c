package dev.opstream.backup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackupIdTest {

  @Test
  void isTheUtcStartTimeToTheMillisecond() {
    BackupId id = BackupId.at(Instant.parse("2026-11-22T03:15:00.123456Z"));

    assertThat(id.value()).isEqualTo("20261122T031500.123Z");
    assertThat(id.started()).isEqualTo(Instant.parse("2026-11-22T03:15:00.123Z"));
  }

  @Test
  void sortsByTimeAsAPlainString() {
    BackupId earlier = BackupId.at(Instant.parse("2026-11-22T03:15:00.999Z"));
    BackupId later = BackupId.at(Instant.parse("2026-11-22T03:15:01.000Z"));
    BackupId nextYear = BackupId.at(Instant.parse("2027-01-01T00:00:00Z"));

    assertThat(earlier).isLessThan(later);
    assertThat(later).isLessThan(nextYear);
    assertThat(earlier.value().compareTo(later.value())).isNegative();
  }

  @Test
  void rejectsWhatIsNotAnId() {
    assertThat(BackupId.parse("20261122T031500Z")).isEmpty();
    assertThat(BackupId.parse("20261322T031500.000Z")).isEmpty(); // month 13
    assertThat(BackupId.parse("latest")).isEmpty();
    assertThat(BackupId.parse(null)).isEmpty();
    assertThatThrownBy(() -> new BackupId("../etc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a backup id");
  }
}
