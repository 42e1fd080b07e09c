/** The backup CronJob actuator. */
package dev.opstream.actuator.cronjob;
