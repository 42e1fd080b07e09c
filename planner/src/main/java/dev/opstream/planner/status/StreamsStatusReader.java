package dev.opstream.planner.status;

import dev.opstream.planner.PlannerTopology;
import dev.opstream.topics.Topics;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads statuses from a running planner's {@code planner-status} store (interactive queries). The
 * store is partitioned like the input, so each instance holds the statuses of its partitions:
 * {@link #all()} answers for this instance only, {@link #elsewhere} names the instance that holds a
 * given app.
 */
public final class StreamsStatusReader implements StatusReader {

  private final KafkaStreams streams;
  private final HostInfo self;

  public StreamsStatusReader(KafkaStreams streams, HostInfo self) {
    this.streams = Objects.requireNonNull(streams, "streams");
    this.self = Objects.requireNonNull(self, "self");
  }

  @Override
  public List<AppStatus> all() {
    List<AppStatus> all = new ArrayList<>();
    try (KeyValueIterator<AppKey, AppStatus> entries = store().all()) {
      while (entries.hasNext()) {
        KeyValue<AppKey, AppStatus> entry = entries.next();
        all.add(entry.value);
      }
    } catch (InvalidStateStoreException e) {
      throw new StatusReader.Unavailable("the status store is not ready: " + e.getMessage(), e);
    }
    all.sort((a, b) -> a.app().compareTo(b.app()));
    return all;
  }

  @Override
  public Optional<AppStatus> find(AppKey app) {
    try {
      return Optional.ofNullable(store().get(app));
    } catch (InvalidStateStoreException e) {
      throw new StatusReader.Unavailable("the status store is not ready: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<URI> elsewhere(AppKey app) {
    KeyQueryMetadata metadata =
        streams.queryMetadataForKey(
            PlannerTopology.STATUS_STORE, app, Topics.STATUS.keySerde().serializer());
    if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
      return Optional.empty();
    }
    HostInfo host = metadata.activeHost();
    if (host == null || host.equals(self) || host.port() < 0) {
      return Optional.empty();
    }
    return Optional.of(URI.create("http://" + host.host() + ":" + host.port()));
  }

  private ReadOnlyKeyValueStore<AppKey, AppStatus> store() {
    return streams.store(
        StoreQueryParameters.fromNameAndType(
            PlannerTopology.STATUS_STORE, QueryableStoreTypes.<AppKey, AppStatus>keyValueStore()));
  }
}
