/** CloudEvents attributes as Kafka headers (Kafka protocol binding, binary content mode). */
package dev.opstream.topics.cloudevents;
