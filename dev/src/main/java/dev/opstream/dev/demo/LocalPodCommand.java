package dev.opstream.dev.demo;

import java.util.List;
import java.util.Map;

/**
 * A container's command line and environment, made runnable on this machine.
 *
 * @param argv the process to start, word by word (the launcher of the {@code opstream} binary, then
 *     the container's arguments)
 * @param environment the process's whole environment: the container's env and envFrom, nothing else
 * @param substitutions what was changed from the spec, in words, for the demo to print (secret
 *     values are never shown)
 */
public record LocalPodCommand(
    List<String> argv, Map<String, String> environment, List<String> substitutions) {

  public LocalPodCommand {
    argv = List.copyOf(argv);
    environment = Map.copyOf(environment);
    substitutions = List.copyOf(substitutions);
  }
}
