package dev.opstream.localstack;

import dev.opstream.localstack.support.LocalStackException;
import java.util.List;

/** Closes several resources in order, carrying on past failures and reporting them together. */
final class Closer {

  private Closer() {}

  static void closeAll(List<? extends AutoCloseable> resources) {
    LocalStackException failure = null;
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new LocalStackException("a server of the local stack did not stop cleanly", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
