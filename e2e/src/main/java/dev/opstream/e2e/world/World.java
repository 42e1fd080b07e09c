package dev.opstream.e2e.world;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything opstream manages, at one moment or as it must be: resources by {@link Resource#key()}.
 */
public record World(Map<String, Resource> resources) {

  public World {
    resources = Collections.unmodifiableMap(new TreeMap<>(resources));
  }

  public static World of(Collection<Resource> resources) {
    Map<String, Resource> byKey = new TreeMap<>();
    for (Resource resource : resources) {
      if (byKey.put(resource.key(), resource) != null) {
        throw new IllegalArgumentException("two resources are " + resource.key());
      }
    }
    return new World(byKey);
  }

  /** How many resources of {@code kind} there are. */
  public long count(Resource.Kind kind) {
    return resources.values().stream().filter(r -> r.kind() == kind).count();
  }
}
