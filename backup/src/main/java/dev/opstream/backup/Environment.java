package dev.opstream.backup;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What the backup commands take from the process: environment variables, the clock, and whether a
 * terminal is attached. Tests pass their own.
 *
 * @param variables the environment variables
 * @param clock the clock that names backups
 * @param terminal whether to draw progress bars (else log lines)
 */
public record Environment(Map<String, String> variables, Clock clock, boolean terminal) {

  public Environment {
    variables = Map.copyOf(variables);
  }

  /** This process's environment, the system clock, and {@code System.console() != null}. */
  public static Environment system() {
    return new Environment(System.getenv(), Clock.systemUTC(), System.console() != null);
  }

  /** The variable's value, if set and not blank. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(variables.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }
}
