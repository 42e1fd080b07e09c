package dev.opstream.replay;

import dev.opstream.replay.chain.Chain;
import dev.opstream.replay.chain.ChainBuilder;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * {@code opstream replay}: reads the chain topics over a range (as an outsider: no group, no
 * commits, read_committed) and hands each selected app's causal chains to a sink.
 */
public final class Replay {

  private final Properties clientConfig;

  public Replay(Properties clientConfig) {
    this.clientConfig = clientConfig;
  }

  /** Reads {@code range} for {@code selector}'s apps; returns what was read. */
  public ChainBuilder.Stats chains(
      ReplayRange range,
      AppSelector selector,
      ChainBuilder.Limits limits,
      Consumer<Chain> sink,
      Progress progress) {
    ChainBuilder builder = new ChainBuilder(selector, sink, limits);
    List<TopicReader.Source> sources =
        ReplayTopics.CHAIN.stream().map(topic -> new TopicReader.Source(topic, range)).toList();
    try (TopicReader reader = new TopicReader(clientConfig)) {
      reader.read(sources, selector, builder::accept, progress);
    }
    builder.finish();
    return builder.stats();
  }
}
