package dev.opstream.localstack.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Writes a kubeconfig with one cluster, user and context per {@link KubeApiServer}; each context is
 * named after its cluster and the first server's context is the current one. Readable only by the
 * owner, as Helm and kubectl expect.
 */
public final class KubeConfigFile {

  private KubeConfigFile() {}

  /** Writes (or overwrites) {@code file} and returns it. */
  public static Path write(Path file, List<KubeApiServer> servers) {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("a kubeconfig needs at least one server");
    }
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
    for (KubeApiServer s : servers) {
      yaml.append("- name: ").append(quote(s.clusterName())).append('\n');
      yaml.append("  cluster:\n    server: ").append(quote(s.url())).append('\n');
    }
    yaml.append("users:\n");
    for (KubeApiServer s : servers) {
      yaml.append("- name: ").append(quote(s.clusterName())).append('\n');
      yaml.append("  user: {}\n");
    }
    yaml.append("contexts:\n");
    for (KubeApiServer s : servers) {
      String name = quote(s.clusterName());
      yaml.append("- name: ").append(name).append('\n');
      yaml.append("  context:\n");
      yaml.append("    cluster: ").append(name).append('\n');
      yaml.append("    user: ").append(name).append('\n');
      yaml.append("    namespace: default\n");
    }
    yaml.append("current-context: ").append(quote(servers.get(0).clusterName())).append('\n');
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
      ownerOnly(file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write kubeconfig " + file, e);
    }
  }

  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: keep the default permissions
    }
  }

  private static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
