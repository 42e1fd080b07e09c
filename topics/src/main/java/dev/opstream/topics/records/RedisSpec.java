package dev.opstream.topics.records;

/**
 * The desired Redis release. The password itself never travels through Kafka: the actuator creates
 * the Secret once in the cluster and never changes it.
 *
 * @param release the Helm release name ({@code <name>-redis})
 * @param memory the container's memory limit as a Kubernetes quantity, e.g. {@code 256Mi}
 * @param secretName the password Secret ({@code <name>-redis-auth})
 */
public record RedisSpec(String release, String memory, String secretName) {

  public RedisSpec {
    Checks.requiredText(release, "release");
    Checks.requiredText(memory, "memory");
    Checks.requiredText(secretName, "secretName");
  }
}
