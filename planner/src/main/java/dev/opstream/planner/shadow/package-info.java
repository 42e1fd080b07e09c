/**
 * Shadow planning: this build's planner topology run in a {@code TopologyTestDriver} on recorded
 * input, isolated from the running system (nothing is written to Kafka), so its decisions can be
 * compared with the recorded ones before an upgrade ({@code opstream replay --plan}).
 */
package dev.opstream.planner.shadow;
