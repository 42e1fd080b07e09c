package dev.opstream.replay.chain;

import dev.opstream.topics.records.AppKey;
import java.util.List;

/**
 * One app's causal chain: a cause and every step that followed from it, in record order.
 *
 * @param app the app
 * @param cause what started it
 * @param hops what followed: decisions (actions), results, timers
 */
public record Chain(AppKey app, Cause cause, List<Hop> hops) {

  public Chain {
    hops = List.copyOf(hops);
  }
}
