package dev.opstream.replay;

import dev.opstream.topics.records.AppKey;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;

/** Which apps to read: every app, one cluster's, or one app. */
public sealed interface AppSelector {

  /** Every app. */
  record All() implements AppSelector {}

  /** The apps of one cluster. */
  record Cluster(String cluster) implements AppSelector {}

  /** One app. */
  record App(AppKey app) implements AppSelector {}

  AppSelector ALL = new All();

  /** Whether the app {@code key} is selected. */
  default boolean selects(AppKey key) {
    if (this instanceof Cluster cluster) {
      return key.cluster().equals(cluster.cluster());
    }
    return !(this instanceof App app) || key.equals(app.app());
  }

  /** Whether records about cluster {@code cluster} (e.g. snapshots) may be selected. */
  default boolean selectsCluster(String cluster) {
    if (this instanceof Cluster selected) {
      return selected.cluster().equals(cluster);
    }
    return !(this instanceof App app) || app.app().cluster().equals(cluster);
  }

  /**
   * The only partition of a topic of {@code partitions} partitions that can hold the selected
   * records: the default partitioner's choice for one app's key; empty when any partition can.
   */
  default Optional<Integer> onlyPartition(int partitions) {
    if (this instanceof App app) {
      byte[] key = app.app().toString().getBytes(StandardCharsets.UTF_8);
      return Optional.of(Utils.toPositive(Utils.murmur2(key)) % partitions);
    }
    return Optional.empty();
  }

  /** Parses {@code --app cluster/namespace/name} or {@code --cluster name}; both null: all. */
  static AppSelector of(String app, String cluster) {
    if (app != null && cluster != null) {
      throw ReplayException.permanent("give --app or --cluster, not both");
    }
    try {
      if (app != null) {
        return new App(AppKey.parse(app));
      }
      if (cluster != null) {
        new AppKey(cluster, "x", "x"); // validates the cluster name
        return new Cluster(cluster);
      }
    } catch (RuntimeException e) {
      throw ReplayException.permanent(e.getMessage());
    }
    return ALL;
  }
}
