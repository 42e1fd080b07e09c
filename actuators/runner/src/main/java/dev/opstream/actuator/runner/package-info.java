/** The act stage's shared runner: consumes one action topic and reports results. */
package dev.opstream.actuator.runner;
