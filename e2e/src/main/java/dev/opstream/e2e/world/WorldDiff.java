package dev.opstream.e2e.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How the actual world differs from the expected one, in words, one line per difference: a resource
 * that is missing, one that must not exist (a leftover), and every fact that differs. Pure.
 */
public final class WorldDiff {

  private WorldDiff() {}

  /** Every difference, in a stable order; empty when the two worlds are the same. */
  public static List<String> between(World expected, World actual) {
    List<String> differences = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(expected.resources().keySet());
    keys.addAll(actual.resources().keySet());
    for (String key : keys) {
      Resource want = expected.resources().get(key);
      Resource have = actual.resources().get(key);
      if (have == null) {
        differences.add("missing: " + key);
      } else if (want == null) {
        differences.add("must not exist: " + key + " " + have.facts());
      } else {
        differences.addAll(facts(key, want.facts(), have.facts()));
      }
    }
    return differences;
  }

  private static List<String> facts(
      String key, Map<String, String> want, Map<String, String> have) {
    List<String> differences = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(want.keySet());
    names.addAll(have.keySet());
    for (String name : names) {
      String expected = want.get(name);
      String actual = have.get(name);
      if (!Objects.equals(expected, actual)) {
        differences.add(
            key
                + ": "
                + name
                + " is "
                + (actual == null ? "absent" : "'" + actual + "'")
                + ", expected "
                + (expected == null ? "absent" : "'" + expected + "'"));
      }
    }
    return differences;
  }
}
