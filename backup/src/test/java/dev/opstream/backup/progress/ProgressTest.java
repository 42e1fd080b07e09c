package dev.opstream.backup.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.backup.progress.ProgressFactory.Unit;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void rendersKeysWithABarAndPercentage() {
    ProgressLine line = new ProgressLine("backup X", Unit.KEYS, 100_000);

    assertThat(line.render(45_000, 12_900_000, 3.25, true))
        .isEqualTo("backup X [###########-------------]  45% 45,000/100,000 keys, 12.3 MiB, 3.3 s");
    assertThat(line.render(45_000, 12_900_000, 3.25, false))
        .isEqualTo("backup X  45% 45,000/100,000 keys, 12.3 MiB, 3.3 s");
  }

  @Test
  void rendersBytesWithoutATotal() {
    ProgressLine line = new ProgressLine("backup X", Unit.BYTES, 0);

    assertThat(line.render(3 * 1024 * 1024, 0, 1, true)).isEqualTo("backup X 3.0 MiB, 1.0 s");
  }

  @Test
  void aTerminalBarIsRedrawnInPlaceAtMostEveryTenthOfASecondAndEndsItsLine() {
    AtomicLong now = new AtomicLong();
    StringWriter err = new StringWriter();
    Progress progress =
        new ProgressFactory(true, new PrintWriter(err), now::get).start("t", Unit.KEYS, 10);

    progress.update(1, 0);
    now.addAndGet(10_000_000); // 10 ms: not redrawn
    progress.update(2, 0);
    now.addAndGet(100_000_000);
    progress.update(3, 0);
    progress.finish();

    String drawn = err.toString();
    assertThat(drawn.split("\r", -1)).hasSize(4); // three draws: 1, 3, and the final one
    assertThat(drawn).contains(" 1/10 keys").doesNotContain(" 2/10 keys").contains(" 3/10 keys");
    assertThat(drawn).endsWith(System.lineSeparator());
  }

  @Test
  void logProgressSpeaksEveryTenSeconds() {
    AtomicLong now = new AtomicLong();
    LogProgress progress = new LogProgress(new ProgressLine("t", Unit.KEYS, 0), now::get);

    now.addAndGet(9_000_000_000L);
    progress.update(5, 0);

    assertThat(progress.text(now.get())).isEqualTo("t 5 keys, 0 B, 9.0 s");
  }

  @Test
  void sizesArePrintedForPeople() {
    assertThat(Sizes.human(512)).isEqualTo("512 B");
    assertThat(Sizes.human(1536)).isEqualTo("1.5 KiB");
    assertThat(Sizes.human(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GiB");
  }
}
