package dev.opstream.topics.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstream.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SnapshotCompleteTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void emptyPartitionStillGetsOneChunkSayingItHoldsNothing() {
    List<SnapshotComplete> chunks =
        SnapshotComplete.chunks("s", "c1", WatchScope.all(), 7, List.of(), 1000, NOW);

    assertThat(chunks)
        .singleElement()
        .satisfies(
            chunk -> {
              assertThat(chunk.keys()).isEmpty();
              assertThat(chunk.chunkIndex()).isZero();
              assertThat(chunk.chunkCount()).isOne();
              assertThat(chunk.partition()).isEqualTo(7);
            });
  }

  @Test
  void splitsManyKeysIntoChunksBelowTheLimitThatTogetherListEveryKey() {
    List<AppKey> keys =
        IntStream.range(0, 20_000)
            .mapToObj(i -> new AppKey("c1", "namespace-" + (i % 50), "deployment-" + i))
            .toList();

    List<SnapshotComplete> chunks =
        SnapshotComplete.chunks(
            "s", "c1", WatchScope.all(), 0, keys, SnapshotComplete.DEFAULT_MAX_CHUNK_BYTES, NOW);

    assertThat(chunks).hasSizeGreaterThan(1);
    assertThat(chunks.stream().flatMap(chunk -> chunk.keys().stream()))
        .containsExactlyInAnyOrderElementsOf(keys);
    for (int i = 0; i < chunks.size(); i++) {
      SnapshotComplete chunk = chunks.get(i);
      assertThat(chunk.chunkIndex()).isEqualTo(i);
      assertThat(chunk.chunkCount()).isEqualTo(chunks.size());
      byte[] bytes = Topics.DEPLOYMENTS.valueSerde().serializer().serialize("t", chunk);
      assertThat(bytes.length).isLessThan(SnapshotComplete.DEFAULT_MAX_CHUNK_BYTES + 1024);
    }
  }

  @Test
  void rejectsKeysOutsideItsClusterOrScope() {
    WatchScope shopOnly = WatchScope.namespaces(List.of("shop"));

    assertThatThrownBy(
            () ->
                SnapshotComplete.chunks(
                    "s", "c1", shopOnly, 0, List.of(AppKey.parse("c2/shop/a")), 1000, NOW))
        .hasMessageContaining("outside");
    assertThatThrownBy(
            () ->
                SnapshotComplete.chunks(
                    "s", "c1", shopOnly, 0, List.of(AppKey.parse("c1/billing/a")), 1000, NOW))
        .hasMessageContaining("outside");
  }

  @Test
  void rejectsAChunkIndexOutsideTheChunkCount() {
    assertThatThrownBy(
            () -> new SnapshotComplete(1, "s", "c1", WatchScope.all(), 0, 2, 2, List.of(), NOW))
        .isInstanceOf(RecordValidationException.class)
        .hasMessageContaining("chunkIndex");
  }

  @Test
  void scopeOfAllNamespacesCoversEveryNamespace() {
    assertThat(WatchScope.all().covers(AppKey.parse("c/any/app"))).isTrue();
    assertThat(WatchScope.namespaces(List.of("a", "b")).covers(AppKey.parse("c/c/app"))).isFalse();
    assertThatThrownBy(() -> WatchScope.namespaces(List.of()))
        .isInstanceOf(RecordValidationException.class);
  }
}
