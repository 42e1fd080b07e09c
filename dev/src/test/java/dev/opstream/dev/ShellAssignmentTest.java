package dev.opstream.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellAssignmentTest {

  @Test
  void leavesPlainValuesUnquoted() {
    assertThat(ShellAssignment.format("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"))
        .isEqualTo("KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092");
    assertThat(ShellAssignment.format("S3_ENDPOINT", "http://127.0.0.1:8080"))
        .isEqualTo("S3_ENDPOINT=http://127.0.0.1:8080");
  }

  @Test
  void quotesValuesWithSpacesAndQuotes() {
    assertThat(ShellAssignment.format("KUBECONFIG", "/tmp/my dir/it's"))
        .isEqualTo("KUBECONFIG='/tmp/my dir/it'\\''s'");
    assertThat(ShellAssignment.format("EMPTY", "")).isEqualTo("EMPTY=''");
  }

  @Test
  void rejectsNamesAShellCannotAssign() {
    assertThatThrownBy(() -> ShellAssignment.format("1BAD", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aShellReadsBackExactlyTheValueWritten(@TempDir Path dir) throws Exception {
    String tricky = "/tmp/a b/$HOME/`id`/\"q\"/it's;\\n*";
    Path file = dir.resolve("env");
    Files.writeString(file, ShellAssignment.format("VALUE", tricky) + "\n");

    assertThat(shell(". '" + file + "' && printf %s \"$VALUE\"")).isEqualTo(tricky);
  }

  private static String shell(String script) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("/bin/sh", "-c", script).start();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
