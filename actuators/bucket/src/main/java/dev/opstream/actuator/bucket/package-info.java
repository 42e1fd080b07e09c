/** The bucket actuator: one S3 bucket per app. */
package dev.opstream.actuator.bucket;
