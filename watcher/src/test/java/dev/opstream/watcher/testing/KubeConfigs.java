package dev.opstream.watcher.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Kubeconfig files for API servers at any URL (one context, cluster and user per entry). */
public final class KubeConfigs {

  private KubeConfigs() {}

  /** Writes a kubeconfig with a context per entry of {@code urls} (context name to server URL). */
  public static Path write(Path file, Map<String, String> urls) {
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
    urls.forEach(
        (name, url) ->
            yaml.append("- name: ")
                .append(name)
                .append("\n  cluster:\n    server: ")
                .append(url)
                .append('\n'));
    yaml.append("users:\n");
    urls.keySet().forEach(name -> yaml.append("- name: ").append(name).append("\n  user: {}\n"));
    yaml.append("contexts:\n");
    urls.keySet()
        .forEach(
            name ->
                yaml.append("- name: ")
                    .append(name)
                    .append("\n  context:\n    cluster: ")
                    .append(name)
                    .append("\n    user: ")
                    .append(name)
                    .append('\n'));
    yaml.append("current-context: ").append(urls.keySet().iterator().next()).append('\n');
    try {
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
