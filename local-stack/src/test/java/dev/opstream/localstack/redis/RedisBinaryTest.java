package dev.opstream.localstack.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstream.localstack.support.LocalStackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisBinaryTest {

  @Test
  void findsTheExecutableInTheFirstPathDirectoryThatHasIt(@TempDir Path dir) throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Path executable = Files.createFile(bin.resolve("redis-server"));
    Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThat(RedisBinary.locate("redis-server", Map.of("PATH", empty + ":" + bin)))
        .isEqualTo(executable);
  }

  @Test
  void namesTheDebianPackageWhenNoPathDirectoryHasIt(@TempDir Path dir) {
    assertThatThrownBy(() -> RedisBinary.locate("redis-server", Map.of("PATH", dir.toString())))
        .isInstanceOf(LocalStackException.class)
        .hasMessageContaining("no executable redis-server on PATH (" + dir + ")")
        .hasMessageContaining("apt-get install -y redis-server");
  }

  @Test
  void ignoresAFileThatIsNotExecutable(@TempDir Path dir) throws IOException {
    Path notExecutable = Files.createFile(dir.resolve("redis-server"));

    assertThatThrownBy(() -> RedisBinary.locate(notExecutable.toString(), Map.of()))
        .isInstanceOf(LocalStackException.class)
        .hasMessageContaining("apt-get install -y redis-server");
  }
}
