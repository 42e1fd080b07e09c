/** A single-node KRaft Kafka broker that runs inside the JVM, for tests and the local stack. */
package dev.opstream.localstack.kafka;
