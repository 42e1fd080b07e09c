/**
 * The contract between opstream's stages: the topic catalogue ({@link dev.opstream.topics.Topics},
 * {@link dev.opstream.topics.TopicCatalogue}) and the one way records are produced ({@link
 * dev.opstream.topics.Records}).
 */
package dev.opstream.topics;
