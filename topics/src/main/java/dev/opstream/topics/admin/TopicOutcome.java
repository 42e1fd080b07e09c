package dev.opstream.topics.admin;

/** What {@link TopicAdmin} found or did for one topic. */
public enum TopicOutcome {
  /** The topic did not exist and was created as the catalogue says. */
  CREATED,
  /** The topic exists and matches the catalogue; nothing was changed. */
  UNCHANGED,
  /** The topic's configs drifted and were set back to the catalogue's; nothing else differs. */
  CONFIG_UPDATED,
  /** The topic differs in a way that was not (or, by verify, could not be) changed. */
  DIFFERS,
  /** The topic does not exist (verify only; create creates it). */
  MISSING
}
