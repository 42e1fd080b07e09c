package dev.opstream.watcher.config;

/** The watcher's configuration cannot be used; the message says which setting and why. */
public final class WatcherConfigException extends IllegalArgumentException {

  public WatcherConfigException(String message) {
    super(message);
  }
}
