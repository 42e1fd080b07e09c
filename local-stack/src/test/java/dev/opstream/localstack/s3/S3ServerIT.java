package dev.opstream.localstack.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstream.localstack.junit.S3ServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

@ExtendWith(S3ServerExtension.class)
class S3ServerIT {

  @Test
  void storesListsAndDeletesObjectsInABucket(S3Server server) {
    String bucket = uniqueBucket();
    try (S3Client s3 = client(server, server.secretKey())) {
      s3.createBucket(b -> b.bucket(bucket));
      s3.putObject(b -> b.bucket(bucket).key("a/one.txt"), RequestBody.fromString("one"));
      s3.putObject(b -> b.bucket(bucket).key("a/two.txt"), RequestBody.fromString("two"));
      s3.putObject(b -> b.bucket(bucket).key("b/three.txt"), RequestBody.fromString("three"));

      assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("a/two.txt")).asUtf8String())
          .isEqualTo("two");
      assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("a/")).contents())
          .extracting(S3Object::key)
          .containsExactly("a/one.txt", "a/two.txt");

      s3.deleteObject(b -> b.bucket(bucket).key("a/one.txt"));

      assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("a/one.txt")))
          .isInstanceOf(NoSuchKeyException.class);
      assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents())
          .extracting(S3Object::key)
          .containsExactly("a/two.txt", "b/three.txt");
    }
  }

  @Test
  void assemblesAMultipartUploadFromItsParts(S3Server server) {
    String bucket = uniqueBucket();
    byte[] first = filled(5 * 1024 * 1024, (byte) 'x');
    byte[] second = "the end".getBytes(StandardCharsets.UTF_8);
    try (S3Client s3 = client(server, server.secretKey())) {
      s3.createBucket(b -> b.bucket(bucket));
      String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("big.bin")).uploadId();
      List<CompletedPart> parts = new ArrayList<>();
      int partNumber = 1;
      for (byte[] part : List.of(first, second)) {
        int number = partNumber++;
        String etag =
            s3.uploadPart(
                    b -> b.bucket(bucket).key("big.bin").uploadId(uploadId).partNumber(number),
                    RequestBody.fromBytes(part))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
      }
      s3.completeMultipartUpload(
          b ->
              b.bucket(bucket)
                  .key("big.bin")
                  .uploadId(uploadId)
                  .multipartUpload(m -> m.parts(parts)));

      byte[] stored = s3.getObjectAsBytes(b -> b.bucket(bucket).key("big.bin")).asByteArray();
      byte[] expected = Arrays.copyOf(first, first.length + second.length);
      System.arraycopy(second, 0, expected, first.length, second.length);
      assertThat(stored).isEqualTo(expected);
    }
  }

  @Test
  void rejectsRequestsSignedWithAnotherSecret(S3Server server) {
    try (S3Client s3 = client(server, "not-the-secret")) {
      assertThatThrownBy(() -> s3.createBucket(b -> b.bucket(uniqueBucket())))
          .isInstanceOfSatisfying(
              S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
  }

  @Test
  void servesStoredObjectsAgainAfterARestartOnTheSameDataDirectory(@TempDir Path dir) {
    S3Server first = S3Server.start(dir);
    try (S3Client s3 = client(first, first.secretKey())) {
      s3.createBucket(b -> b.bucket("kept"));
      s3.putObject(b -> b.bucket("kept").key("k"), RequestBody.fromString("still here"));
    } finally {
      first.close();
    }
    try (S3Client toStopped = client(first, first.secretKey())) {
      assertThatThrownBy(() -> toStopped.listBuckets()).isInstanceOf(SdkClientException.class);
    }

    try (S3Server second = S3Server.start(dir);
        S3Client s3 = client(second, second.secretKey())) {
      assertThat(s3.getObjectAsBytes(b -> b.bucket("kept").key("k")).asUtf8String())
          .isEqualTo("still here");
    }
  }

  private static S3Client client(S3Server server, String secretKey) {
    return S3Client.builder()
        .endpointOverride(server.endpoint())
        .forcePathStyle(true)
        .region(Region.of(server.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(server.accessKey(), secretKey)))
        .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
        .build();
  }

  private static String uniqueBucket() {
    return "it-" + UUID.randomUUID();
  }

  private static byte[] filled(int size, byte value) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, value);
    return bytes;
  }
}
