/**
 * The one JSON serde, typed read errors ({@link dev.opstream.topics.serde.RecordReadException}), a
 * never-throwing decoder for plain consumers ({@link dev.opstream.topics.serde.SafeDeserializer})
 * and dead-letter records ({@link dev.opstream.topics.serde.DeadLetter}).
 */
package dev.opstream.topics.serde;
