package dev.opstream.dev.pipeline;

import java.util.List;
import java.util.Map;

/**
 * One stage of the pipeline as a process: a name for logs and lookups, the {@code opstream}
 * subcommand and its arguments, extra environment variables, and the port its {@code /readyz}
 * answers on.
 */
public record StageSpec(
    String name, List<String> arguments, Map<String, String> environment, int httpPort) {

  public StageSpec {
    if (!name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("a stage name is lower-case letters, digits and '-'");
    }
    arguments = List.copyOf(arguments);
    environment = Map.copyOf(environment);
  }
}
