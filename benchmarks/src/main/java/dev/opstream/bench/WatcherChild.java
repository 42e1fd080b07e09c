package dev.opstream.bench;

import dev.opstream.watcher.Watcher;
import dev.opstream.watcher.config.WatcherConfig;

/** The watcher alone in a JVM of its own, configured from the environment (as in the chart). */
final class WatcherChild {

  private WatcherChild() {}

  public static void main(String[] args) throws InterruptedException {
    Watcher watcher = Watcher.start(WatcherConfig.fromEnv(System.getenv()));
    Runtime.getRuntime().addShutdownHook(new Thread(watcher::close, "watcher-shutdown"));
    Thread.currentThread().join();
  }
}
