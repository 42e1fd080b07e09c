package dev.opstream.dev.demo;

import java.util.Map;
import java.util.Optional;

/** Reads a Secret's decoded values by name, in the namespace of the pod being run. */
@FunctionalInterface
public interface SecretSource {

  /** The Secret's keys and decoded values; empty when there is no such Secret. */
  Optional<Map<String, String>> secret(String name);
}
