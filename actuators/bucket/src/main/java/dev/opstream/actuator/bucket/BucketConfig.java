package dev.opstream.actuator.bucket;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the bucket actuator reaches S3 and what it sets on the buckets it owns.
 *
 * @param endpoint an S3-compatible endpoint (S3Proxy, MinIO, ...); empty for AWS
 * @param region the region buckets are created in and requests are signed for
 * @param pathStyle path-style requests ({@code endpoint/bucket/key}), which most S3-compatible
 *     servers need
 * @param credentials static credentials; empty for the SDK's default chain (environment, profile,
 *     web identity, container or instance role), which production uses
 * @param versioning whether the actuator turns versioning on for the buckets it owns
 * @param callTimeout the bound of each S3 call, retries included
 */
public record BucketConfig(
    Optional<URI> endpoint,
    String region,
    boolean pathStyle,
    Optional<S3Credentials> credentials,
    boolean versioning,
    Duration callTimeout) {

  public static final String ENV_ENDPOINT = "S3_ENDPOINT";
  public static final String ENV_REGION = "AWS_REGION";
  public static final String ENV_DEFAULT_REGION = "AWS_DEFAULT_REGION";
  public static final String ENV_PATH_STYLE = "S3_PATH_STYLE";
  public static final String ENV_VERSIONING = "OPSTREAM_BUCKET_VERSIONING";
  public static final String ENV_CALL_TIMEOUT = "OPSTREAM_BUCKET_CALL_TIMEOUT";

  public static final String DEFAULT_REGION = "us-east-1";
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

  public BucketConfig {
    Objects.requireNonNull(endpoint, "endpoint");
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("region must not be blank");
    }
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(callTimeout, "callTimeout");
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("callTimeout must be positive, was " + callTimeout);
    }
  }

  /**
   * From {@code S3_ENDPOINT}, {@code AWS_REGION} (or {@code AWS_DEFAULT_REGION}, else {@value
   * #DEFAULT_REGION}), {@code S3_PATH_STYLE} (default: true when an endpoint is set), {@code
   * OPSTREAM_BUCKET_VERSIONING} (default false) and {@code OPSTREAM_BUCKET_CALL_TIMEOUT} (ISO-8601,
   * default 30 s). Credentials always come from the SDK's default chain, which reads {@code
   * AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} itself.
   */
  public static BucketConfig fromEnv(Map<String, String> env) {
    Optional<URI> endpoint = text(env, ENV_ENDPOINT).map(URI::create);
    String region =
        text(env, ENV_REGION).or(() -> text(env, ENV_DEFAULT_REGION)).orElse(DEFAULT_REGION);
    boolean pathStyle =
        text(env, ENV_PATH_STYLE)
            .map(value -> bool(value, ENV_PATH_STYLE))
            .orElse(endpoint.isPresent());
    boolean versioning =
        text(env, ENV_VERSIONING).map(value -> bool(value, ENV_VERSIONING)).orElse(false);
    Duration callTimeout =
        text(env, ENV_CALL_TIMEOUT)
            .map(value -> duration(value, ENV_CALL_TIMEOUT))
            .orElse(DEFAULT_CALL_TIMEOUT);
    return new BucketConfig(endpoint, region, pathStyle, Optional.empty(), versioning, callTimeout);
  }

  public BucketConfig withVersioning(boolean versioning) {
    return new BucketConfig(endpoint, region, pathStyle, credentials, versioning, callTimeout);
  }

  /**
   * An access key pair.
   *
   * @param accessKeyId the access key id
   * @param secretAccessKey the secret; never printed
   */
  public record S3Credentials(String accessKeyId, String secretAccessKey) {

    public S3Credentials {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    @Override
    public String toString() {
      return "S3Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }
  }

  private static Optional<String> text(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(value -> !value.isEmpty());
  }

  private static boolean bool(String value, String name) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(name + " must be true or false, was '" + value + "'");
    };
  }

  private static Duration duration(String value, String name) {
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO-8601 duration such as PT30S, was '" + value + "'", e);
    }
  }
}
