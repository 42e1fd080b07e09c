package dev.opstream.backup.store;

import dev.opstream.backup.BackupException;
import dev.opstream.backup.ExitCode;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the synchronous S3 client (Apache HttpClient 5) that {@link S3Settings} describe. */
public final class S3Clients {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(2);

  private S3Clients() {}

  /**
   * A client for {@code settings}.
   *
   * @throws BackupException ({@link ExitCode#USAGE}) when no region can be found
   */
  public static S3Client create(S3Settings settings) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(
                Apache5HttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(SOCKET_TIMEOUT))
            .region(region(settings))
            .credentialsProvider(credentials(settings));
    settings
        .endpoint()
        .ifPresent(
            endpoint ->
                builder
                    .endpointOverride(endpoint)
                    .forcePathStyle(true)
                    // S3-compatible servers often reject the SDK's streaming checksums; the
                    // manifest's SHA-256 and zstd's frame checksum protect the data end to end.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
    return builder.build();
  }

  private static Region region(S3Settings settings) {
    if (settings.region().isPresent()) {
      return Region.of(settings.region().get());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      if (settings.endpoint().isPresent()) {
        return Region.US_EAST_1; // S3-compatible servers rarely care, but the signer needs one
      }
      throw new BackupException(
          ExitCode.USAGE, "no AWS region: set AWS_REGION (" + e.getMessage() + ")");
    }
  }

  private static AwsCredentialsProvider credentials(S3Settings settings) {
    if (!settings.hasStaticCredentials()) {
      return DefaultCredentialsProvider.builder().build();
    }
    String id = settings.accessKeyId().orElseThrow();
    String secret = settings.secretAccessKey().orElseThrow();
    return StaticCredentialsProvider.create(
        settings
            .sessionToken()
            .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                token -> AwsSessionCredentials.create(id, secret, token))
            .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
  }
}
