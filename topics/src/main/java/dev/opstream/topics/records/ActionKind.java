package dev.opstream.topics.records;

import dev.opstream.topics.Topic;
import dev.opstream.topics.Topics;

/** The kinds of resource opstream manages; each has its own actions topic and actuator. */
public enum ActionKind {
  /** The app's private S3 bucket. */
  BUCKET,
  /** The Redis Helm release next to the app, and its password Secret. */
  REDIS,
  /** The CronJob that backs Redis up into the bucket. */
  CRONJOB;

  /** The topic this kind's actions go to and its actuator reads. */
  public Topic<AppKey, Action> topic() {
    return Topics.actions(this);
  }
}
