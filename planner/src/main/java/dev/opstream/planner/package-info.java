/** The analyse stage: a Kafka Streams application comparing desired and observed state. */
package dev.opstream.planner;
