package dev.opstream.actuator.bucket;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the synchronous S3 client the bucket actuator uses (Apache 5 HTTP client). */
public final class S3Clients {

  private S3Clients() {}

  /**
   * A client for {@code config}: its endpoint, region, path style and credentials, every call
   * bounded by {@link BucketConfig#callTimeout()}. Close it when done.
   */
  public static S3Client create(BucketConfig config) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(
                Apache5HttpClient.builder()
                    .connectionTimeout(config.callTimeout())
                    .socketTimeout(config.callTimeout())
                    .connectionAcquisitionTimeout(config.callTimeout()))
            .region(Region.of(config.region()))
            .forcePathStyle(config.pathStyle())
            .credentialsProvider(credentials(config))
            .overrideConfiguration(
                override ->
                    override
                        .apiCallTimeout(config.callTimeout())
                        .apiCallAttemptTimeout(config.callTimeout().dividedBy(2)));
    config
        .endpoint()
        .ifPresent(
            endpoint ->
                // S3-compatible servers often lack the newer default checksums: send them only
                // where the API requires one.
                builder
                    .endpointOverride(endpoint)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(BucketConfig config) {
    return config
        .credentials()
        .<AwsCredentialsProvider>map(
            keys ->
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
  }
}
