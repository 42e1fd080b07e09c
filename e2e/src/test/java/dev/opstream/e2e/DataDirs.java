package dev.opstream.e2e;

import dev.opstream.localstack.support.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a test class keeps its stack's data and its stages' logs: {@code target/e2e/<class>},
 * emptied when the class starts and left in place afterwards, so a failure's logs can be read.
 */
final class DataDirs {

  private DataDirs() {}

  static Path forClass(Class<?> testClass) throws Exception {
    Path dir = Path.of("target", "e2e", testClass.getSimpleName()).toAbsolutePath();
    if (Files.exists(dir)) {
      TempDirs.deleteRecursively(dir);
    }
    Files.createDirectories(dir);
    return dir;
  }
}
