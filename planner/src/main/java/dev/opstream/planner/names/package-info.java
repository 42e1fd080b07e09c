/** Names of the resources opstream creates for an app: bucket, Helm release, Secret, CronJob. */
package dev.opstream.planner.names;
