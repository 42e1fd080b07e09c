package dev.opstream.backup.testing;

import dev.opstream.localstack.s3.S3Server;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A test's own S3 client on the shared {@link S3Server}, and buckets of its own. */
public final class TestS3 implements AutoCloseable {

  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private final S3Server server;
  private final S3Client client;

  public TestS3(S3Server server) {
    this.server = server;
    this.client =
        S3Client.builder()
            .httpClient(Apache5HttpClient.create())
            .endpointOverride(server.endpoint())
            .forcePathStyle(true)
            .region(Region.of(server.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
            .build();
  }

  /** What the backup command reads: S3_ENDPOINT, AWS_REGION, AWS_ACCESS_KEY_ID, ... */
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("S3_ENDPOINT", server.endpoint().toString());
    env.put("AWS_REGION", server.region());
    env.put("AWS_ACCESS_KEY_ID", server.accessKey());
    env.put("AWS_SECRET_ACCESS_KEY", server.secretKey());
    return env;
  }

  /** Creates a bucket with a name no other test uses. */
  public String newBucket(String purpose) {
    String name =
        ("bk-" + purpose + "-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet())
            .toLowerCase(Locale.ROOT);
    client.createBucket(create -> create.bucket(name));
    return name;
  }

  public void put(String bucket, String key, byte[] content) {
    client.putObject(put -> put.bucket(bucket).key(key), RequestBody.fromBytes(content));
  }

  public byte[] get(String bucket, String key) {
    return client.getObjectAsBytes(get -> get.bucket(bucket).key(key)).asByteArray();
  }

  public void copy(String bucket, String from, String to) {
    client.copyObject(
        copy ->
            copy.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to));
  }

  public void delete(String bucket, String key) {
    client.deleteObject(delete -> delete.bucket(bucket).key(key));
  }

  /** Every key in the bucket, sorted. */
  public List<String> keys(String bucket) {
    return client.listObjectsV2Paginator(list -> list.bucket(bucket)).contents().stream()
        .map(S3Object::key)
        .sorted()
        .toList();
  }

  public S3Client client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
  }
}
