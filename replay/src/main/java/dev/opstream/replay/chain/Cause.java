package dev.opstream.replay.chain;

import java.time.Instant;

/**
 * What started a chain: the user-visible change (or other event) every later step goes back to.
 *
 * @param type what kind of event it was
 * @param at when it was recorded
 * @param eventId its CloudEvents id ({@code ce_id}), what the first decision names in {@code
 *     causedBy}
 * @param detail what happened, in words: for an observed Deployment, which opstream.dev annotations
 *     changed from what to what
 */
public record Cause(Type type, Instant at, String eventId, String detail) {

  /** The kinds of chain roots. */
  public enum Type {
    /** The watcher saw a Deployment (a change of its opstream.dev annotations, or a new one). */
    OBSERVED,
    /** The watcher saw the Deployment deleted. */
    DELETED,
    /** A tombstone for the Deployment's key (after its deletion marker). */
    TOMBSTONE,
    /** A watcher snapshot no longer listed the Deployment. */
    SNAPSHOT,
    /** A periodic drift check fired. */
    DRIFT_CHECK,
    /** The record named in {@code causedBy} is not in the range read (or was never written). */
    OUTSIDE_RANGE
  }
}
