/** The Redis actuator: one Helm release and password Secret per app. */
package dev.opstream.actuator.redis;
