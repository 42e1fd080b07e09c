package dev.opstream.topics.records;

/**
 * A value written to an opstream topic. Every value carries the version of the schema it was
 * written with; a reader rejects versions newer than it knows and reads older ones.
 */
public interface VersionedRecord {

  int schemaVersion();
}
