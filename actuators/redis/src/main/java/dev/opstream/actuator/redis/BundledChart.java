package dev.opstream.actuator.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Redis chart bundled in this jar (copied from {@code charts/redis} at build time), extracted
 * into a directory because Helm reads charts from the file system.
 */
public final class BundledChart {

  static final String RESOURCE = "dev/opstream/actuator/redis/chart";

  private BundledChart() {}

  /**
   * Copies the bundled chart into a new temporary directory, which closing the returned {@link
   * Extracted} deletes again (a service closes it when it stops).
   */
  public static Extracted extractToTemporaryDirectory() {
    try {
      Path directory = Files.createTempDirectory("opstream-redis-chart-");
      try {
        return new Extracted(extractTo(directory));
      } catch (RuntimeException e) {
        deleteRecursively(directory);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for the bundled Redis chart", e);
    }
  }

  /** The bundled chart extracted into a directory of its own, deleted on {@link #close()}. */
  public record Extracted(Path directory) implements AutoCloseable {

    @Override
    public void close() {
      try {
        deleteRecursively(directory);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the extracted Redis chart " + directory, e);
      }
    }
  }

  /** Copies the bundled chart into {@code target} (created if needed) and returns it. */
  public static Path extractTo(Path target) {
    URL url = BundledChart.class.getClassLoader().getResource(RESOURCE + "/Chart.yaml");
    if (url == null) {
      throw new IllegalStateException("the bundled Redis chart is missing from the classpath");
    }
    try {
      URI chartYaml = url.toURI();
      if ("jar".equals(chartYaml.getScheme())) {
        String spec = chartYaml.getRawSchemeSpecificPart();
        Path jarFile = Path.of(URI.create(spec.substring(0, spec.indexOf("!/"))));
        // A private (unregistered) file system: closing it cannot disturb anyone else.
        try (FileSystem jar = FileSystems.newFileSystem(jarFile, (ClassLoader) null)) {
          copyTree(jar.getPath("/" + RESOURCE), target);
        }
      } else {
        copyTree(Path.of(chartYaml).getParent(), target);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the bundled Redis chart to " + target, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    List<Path> deepestFirst;
    try (Stream<Path> walk = Files.walk(directory)) {
      deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : deepestFirst) {
      Files.deleteIfExists(path);
    }
  }

  private static void copyTree(Path source, Path target) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(source)) {
      files = walk.toList();
    }
    for (Path file : files) {
      Path destination = target.resolve(source.relativize(file).toString());
      if (Files.isDirectory(file)) {
        Files.createDirectories(destination);
      } else {
        Files.createDirectories(destination.getParent());
        Files.copy(file, destination, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
