package dev.opstream.localstack.junit;

import dev.opstream.localstack.support.LocalStackException;
import dev.opstream.localstack.support.TempDirs;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * A server and its temporary data directory, kept in a JUnit store: JUnit closes it (server first,
 * then the directory) when the store's context ends.
 */
record SharedServer<S extends AutoCloseable>(S server, Path dataDir) implements AutoCloseable {

  /**
   * The one server of this type for the whole test run (kept in the root context's store), started
   * on first use with data under a new temporary directory.
   */
  static <S extends AutoCloseable> S inRootStore(
      ExtensionContext context, Class<S> type, String dirPrefix, Function<Path, S> starter) {
    return inStore(context.getRoot(), type, dirPrefix, starter);
  }

  /**
   * The server of this type for {@code context} (or an enclosing context that already has one),
   * started on first use and closed when that context ends.
   */
  static <S extends AutoCloseable> S inStore(
      ExtensionContext context, Class<S> type, String dirPrefix, Function<Path, S> starter) {
    Object shared =
        context
            .getStore(Namespace.create(SharedServer.class, type))
            .getOrComputeIfAbsent(type, t -> start(dirPrefix, starter));
    return type.cast(((SharedServer<?>) shared).server());
  }

  private static <S extends AutoCloseable> SharedServer<S> start(
      String dirPrefix, Function<Path, S> starter) {
    Path dir = TempDirs.create(dirPrefix);
    try {
      return new SharedServer<>(starter.apply(dir), dir);
    } catch (RuntimeException | Error e) {
      TempDirs.deleteRecursively(dir);
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalStackException("Interrupted while stopping " + server, e);
    } catch (Exception e) {
      throw new LocalStackException("Cannot stop " + server, e);
    } finally {
      TempDirs.deleteRecursively(dataDir);
    }
  }
}
