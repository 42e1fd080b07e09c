package dev.opstream.dev.demo;

import dev.opstream.topics.records.AppKey;
import java.time.Instant;
import java.util.Optional;

/**
 * What the demo saw of one app's world at one moment.
 *
 * @param app the app
 * @param bucket whether its bucket exists in S3
 * @param release whether its Helm release is deployed in its cluster
 * @param cronJob whether its backup CronJob exists in its cluster
 * @param lastBackup the last backup its status reports, if any
 * @param state its status's Ready reason ({@code Converged}, {@code TornDown}, ...), if it has one
 * @param actions how many actions the planner ever emitted for it
 * @param deploymentUnchanged whether its Deployment is as the demo wrote it (or gone, when the demo
 *     deleted it)
 */
public record AppObservation(
    AppKey app,
    boolean bucket,
    boolean release,
    boolean cronJob,
    Optional<Instant> lastBackup,
    Optional<String> state,
    long actions,
    boolean deploymentUnchanged) {}
