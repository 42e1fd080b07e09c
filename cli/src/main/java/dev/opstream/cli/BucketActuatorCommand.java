package dev.opstream.cli;

import dev.opstream.actuator.bucket.BucketConfig;
import dev.opstream.actuator.bucket.BucketHandler;
import dev.opstream.actuator.bucket.S3Clients;
import dev.opstream.actuator.runner.ActionHandler;
import dev.opstream.topics.records.ActionKind;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code opstream actuator bucket}: one S3 bucket per app. */
@Command(
    name = "bucket",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the bucket actuator: creates each app's S3 bucket, marks it as opstream's, empties"
          + " and deletes it (or keeps it, with on-delete Retain), and reports the newest backup.",
      "Credentials come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID and"
          + " AWS_SECRET_ACCESS_KEY, a profile, web identity, or the instance role)."
    })
final class BucketActuatorCommand extends ActuatorSubcommand {

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description = "An S3-compatible endpoint (default: $S3_ENDPOINT; none means AWS).")
  private URI endpoint;

  @Option(
      names = "--region",
      description = "The region (default: $AWS_REGION, $AWS_DEFAULT_REGION or us-east-1).")
  private String region;

  @Option(
      names = "--path-style",
      arity = "1",
      paramLabel = "true|false",
      description = "Path-style requests (default: $S3_PATH_STYLE, or true with an endpoint).")
  private Boolean pathStyle;

  @Option(
      names = "--versioning",
      arity = "1",
      paramLabel = "true|false",
      description =
          "Turn versioning on for the buckets (default: $OPSTREAM_BUCKET_VERSIONING or"
              + " false).")
  private Boolean versioning;

  @Option(
      names = "--s3-call-timeout",
      description =
          "Bound of each S3 call, ISO-8601 (default: $OPSTREAM_BUCKET_CALL_TIMEOUT or" + " PT30S).")
  private Duration callTimeout;

  @Override
  ActionKind kind() {
    return ActionKind.BUCKET;
  }

  @Override
  ActionHandler handler(Resources resources) {
    BucketConfig config = config();
    return new BucketHandler(resources.add(S3Clients.create(config)), config);
  }

  /** The environment's settings, with the options given on the command line in their place. */
  private BucketConfig config() {
    Map<String, String> env = new HashMap<>(System.getenv());
    put(env, BucketConfig.ENV_ENDPOINT, endpoint);
    put(env, BucketConfig.ENV_REGION, region);
    put(env, BucketConfig.ENV_PATH_STYLE, pathStyle);
    put(env, BucketConfig.ENV_VERSIONING, versioning);
    put(env, BucketConfig.ENV_CALL_TIMEOUT, callTimeout);
    return BucketConfig.fromEnv(env);
  }

  private static void put(Map<String, String> env, String name, Object option) {
    if (option != null) {
      env.put(name, option.toString());
    }
  }
}
