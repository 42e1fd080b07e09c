/**
 * The planner's status API and page: each app's {@code AppStatus}, read from the topology's status
 * store through Kafka Streams interactive queries, as JSON and as a small HTML page.
 */
package dev.opstream.planner.status;
