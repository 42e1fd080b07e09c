package dev.opstream.backup.store;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach S3, from the environment: {@code S3_ENDPOINT} (optional; an S3-compatible server,
 * reached path-style), {@code AWS_REGION} (or {@code AWS_DEFAULT_REGION}), and {@code
 * AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN} when set; otherwise
 * the AWS default credentials chain (profile, web identity, container or instance role).
 *
 * @param endpoint the S3-compatible endpoint, empty for AWS
 * @param region the region, empty to let the AWS default region chain find it
 * @param accessKeyId the access key from the environment, empty for the default chain
 * @param secretAccessKey its secret
 * @param sessionToken its session token, if temporary
 */
public record S3Settings(
    Optional<URI> endpoint,
    Optional<String> region,
    Optional<String> accessKeyId,
    Optional<String> secretAccessKey,
    Optional<String> sessionToken) {

  /** The settings {@code env} holds. */
  public static S3Settings fromEnv(Map<String, String> env) {
    return new S3Settings(
        value(env, "S3_ENDPOINT").map(URI::create),
        value(env, "AWS_REGION").or(() -> value(env, "AWS_DEFAULT_REGION")),
        value(env, "AWS_ACCESS_KEY_ID"),
        value(env, "AWS_SECRET_ACCESS_KEY"),
        value(env, "AWS_SESSION_TOKEN"));
  }

  /** Whether the credentials come from the environment rather than the default chain. */
  public boolean hasStaticCredentials() {
    return accessKeyId.isPresent() && secretAccessKey.isPresent();
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  @Override
  public String toString() {
    return "S3Settings[endpoint="
        + endpoint.map(URI::toString).orElse("AWS")
        + ", region="
        + region.orElse("(default chain)")
        + ", credentials="
        + (hasStaticCredentials() ? "environment" : "default chain")
        + "]";
  }
}
