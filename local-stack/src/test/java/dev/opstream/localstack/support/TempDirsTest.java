package dev.opstream.localstack.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TempDirsTest {

  @Test
  void createsAnEmptyDirectoryWithThePrefixAndDeletesItWithItsContents() throws IOException {
    Path dir = TempDirs.create("opstream-test-");
    assertThat(dir.getFileName().toString()).startsWith("opstream-test-");
    assertThat(dir).isEmptyDirectory();
    Files.writeString(Files.createDirectories(dir.resolve("a/b")).resolve("file"), "data");

    TempDirs.deleteRecursively(dir);

    assertThat(dir).doesNotExist();
  }

  @Test
  void deletingADirectoryThatIsGoneIsFine() {
    Path dir = TempDirs.create("opstream-test-");
    TempDirs.deleteRecursively(dir);

    TempDirs.deleteRecursively(dir);

    assertThat(dir).doesNotExist();
  }
}
