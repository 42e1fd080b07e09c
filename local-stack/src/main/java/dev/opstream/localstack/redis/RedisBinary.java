package dev.opstream.localstack.redis;

import dev.opstream.localstack.support.LocalStackException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the {@code redis-server} executable. */
final class RedisBinary {

  static final String DEFAULT = "redis-server";

  private RedisBinary() {}

  /**
   * The executable for {@code binary}: a path if it contains a slash, otherwise a name looked up on
   * {@code PATH}.
   *
   * @throws LocalStackException naming the package to install when there is none
   */
  static Path locate(String binary, Map<String, String> environment) {
    String path = environment.getOrDefault("PATH", "");
    Optional<Path> found =
        binary.contains("/")
            ? Optional.of(Path.of(binary)).filter(Files::isExecutable)
            : Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, binary))
                .filter(Files::isExecutable)
                .findFirst();
    return found.orElseThrow(
        () ->
            new LocalStackException(
                "Cannot start Redis: no executable "
                    + binary
                    + (binary.contains("/") ? "" : " on PATH (" + path + ")")
                    + ". Install the Debian package redis-server: apt-get install -y redis-server"));
  }
}
