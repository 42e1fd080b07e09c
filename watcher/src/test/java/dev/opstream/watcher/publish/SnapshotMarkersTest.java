package dev.opstream.watcher.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.Topics;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.SnapshotComplete;
import dev.opstream.topics.records.WatchScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class SnapshotMarkersTest {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void computesThePartitionKafkasDefaultPartitionerPicksForTheKeyBytes() {
    for (int i = 0; i < 500; i++) {
      AppKey app = new AppKey("eks", "ns-" + (i % 7), "app-" + i);
      byte[] bytes = Topics.DEPLOYMENTS.keySerde().serializer().serialize("t", app);

      assertThat(KeyPartitioner.partition(app, 12))
          .isEqualTo(BuiltInPartitioner.partitionForKey(bytes, 12));
    }
  }

  @Test
  void writesAMarkerToEveryPartitionListingExactlyThatPartitionsKeys() {
    Set<AppKey> keys =
        IntStream.range(0, 100)
            .mapToObj(i -> new AppKey("eks", "shop", "app-" + i))
            .collect(Collectors.toSet());

    List<SnapshotComplete> markers =
        SnapshotMarkers.of(snapshot(keys), 6, SnapshotComplete.DEFAULT_MAX_CHUNK_BYTES);

    assertThat(markers).extracting(SnapshotComplete::partition).containsExactly(0, 1, 2, 3, 4, 5);
    for (SnapshotComplete marker : markers) {
      assertThat(marker.keys())
          .allMatch(key -> KeyPartitioner.partition(key, 6) == marker.partition());
      assertThat(marker.snapshotId()).isEqualTo("snap");
      assertThat(marker.scope()).isEqualTo(WatchScope.all());
    }
    assertThat(markers.stream().flatMap(m -> m.keys().stream()))
        .containsExactlyInAnyOrderElementsOf(keys);
  }

  @Test
  void writesAnEmptyMarkerToAPartitionWithoutKeys() {
    List<SnapshotComplete> markers = SnapshotMarkers.of(snapshot(Set.of()), 3, 1024);

    assertThat(markers).hasSize(3).allMatch(m -> m.keys().isEmpty() && m.chunkCount() == 1);
  }

  @Test
  void splitsAPartitionsKeysIntoChunksBelowTheBound() {
    Set<AppKey> keys =
        IntStream.range(0, 2_000)
            .mapToObj(i -> new AppKey("eks", "shop", "application-number-" + i))
            .collect(Collectors.toSet());

    List<SnapshotComplete> markers = SnapshotMarkers.of(snapshot(keys), 1, 4096);

    assertThat(markers).hasSizeGreaterThan(10);
    assertThat(markers).allMatch(m -> m.chunkCount() == markers.size());
    assertThat(markers)
        .allMatch(m -> m.keys().stream().mapToInt(k -> k.toString().length() + 3).sum() <= 4096);
    Map<Integer, Long> chunkIndexes =
        markers.stream()
            .collect(Collectors.groupingBy(SnapshotComplete::chunkIndex, Collectors.counting()));
    assertThat(chunkIndexes).hasSize(markers.size());
  }

  private static Publication.Snapshot snapshot(Set<AppKey> keys) {
    return new Publication.Snapshot("snap", "eks", WatchScope.all(), keys, T0);
  }
}
