package dev.opstream.actuator.bucket;

import dev.opstream.actuator.runner.ActuatorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The S3 calls the bucket actuator makes, each turned into an {@link ActuatorException} that says
 * whether a retry can help. Features a server does not implement (bucket tagging on S3Proxy) are
 * reported as absent rather than as failures, and not asked for again.
 */
final class Buckets {

  /** S3 deletes at most this many objects per DeleteObjects request. */
  static final int DELETE_BATCH = 1000;

  static final String VERSIONING_UNSUPPORTED =
      "the S3 server does not implement bucket versioning; turn "
          + BucketConfig.ENV_VERSIONING
          + " off";

  private final S3Client s3;
  private final String region;
  private volatile boolean taggingSupported = true;

  Buckets(S3Client s3, String region) {
    this.s3 = s3;
    this.region = region;
  }

  /**
   * Whether the bucket exists.
   *
   * @throws ActuatorException permanent when it exists and this account cannot access it
   */
  boolean exists(String bucket) {
    try {
      s3.headBucket(request -> request.bucket(bucket));
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    } catch (SdkException e) {
      if (S3Failures.isStatus(e, 404)) {
        return false;
      }
      if (S3Failures.isStatus(e, 403)) {
        throw ActuatorException.permanent(
            "bucket "
                + bucket
                + " exists and this account may not read it: it belongs to someone else");
      }
      throw S3Failures.of("checking bucket " + bucket, e);
    }
  }

  /** Creates the bucket; one this account already owns counts as created. */
  void create(String bucket) {
    try {
      s3.createBucket(
          request -> {
            request.bucket(bucket);
            if (!Region.US_EAST_1.id().equals(region)) {
              request.createBucketConfiguration(
                  CreateBucketConfiguration.builder().locationConstraint(region).build());
            }
          });
    } catch (BucketAlreadyOwnedByYouException e) {
      // Created by an earlier run of this very action.
    } catch (BucketAlreadyExistsException e) {
      throw ActuatorException.permanent(
          "bucket " + bucket + " already exists and belongs to another account");
    } catch (SdkException e) {
      throw S3Failures.of("creating bucket " + bucket, e);
    }
  }

  /** The object's bytes, or empty when there is no such object. */
  Optional<byte[]> read(String bucket, String key) {
    try {
      return Optional.of(
          s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      if (S3Failures.isStatus(e, 404) && !S3Failures.isCode(e, "NoSuchBucket")) {
        return Optional.empty();
      }
      throw S3Failures.of("reading " + key + " in bucket " + bucket, e);
    }
  }

  void write(String bucket, String key, byte[] content, String contentType) {
    call(
        "writing " + key + " in bucket " + bucket,
        () ->
            s3.putObject(
                request -> request.bucket(bucket).key(key).contentType(contentType),
                RequestBody.fromBytes(content)));
  }

  void deleteObject(String bucket, String key) {
    call(
        "deleting " + key + " in bucket " + bucket,
        () -> s3.deleteObject(request -> request.bucket(bucket).key(key)));
  }

  /** The bucket's tags; empty when the server does not implement bucket tagging. */
  Optional<Map<String, String>> tags(String bucket) {
    if (!taggingSupported) {
      return Optional.empty();
    }
    try {
      List<Tag> tags = s3.getBucketTagging(request -> request.bucket(bucket)).tagSet();
      return Optional.of(
          tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (first, last) -> last)));
    } catch (SdkException e) {
      if (S3Failures.isStatus(e, S3Failures.NOT_IMPLEMENTED)) {
        taggingSupported = false;
        return Optional.empty();
      }
      if (S3Failures.isCode(e, "NoSuchTagSet") || S3Failures.isStatus(e, 404)) {
        return Optional.of(Map.of());
      }
      throw S3Failures.of("reading the tags of bucket " + bucket, e);
    }
  }

  /** Replaces the bucket's tags; false when the server does not implement bucket tagging. */
  boolean putTags(String bucket, Map<String, String> tags) {
    if (!taggingSupported) {
      return false;
    }
    List<Tag> tagSet =
        tags.entrySet().stream()
            .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
            .toList();
    try {
      s3.putBucketTagging(
          request -> request.bucket(bucket).tagging(tagging -> tagging.tagSet(tagSet)));
      return true;
    } catch (SdkException e) {
      if (S3Failures.isStatus(e, S3Failures.NOT_IMPLEMENTED)) {
        taggingSupported = false;
        return false;
      }
      throw S3Failures.of("tagging bucket " + bucket, e);
    }
  }

  /**
   * The versioning status ({@code Enabled}, {@code Suspended}, or empty text when never set); empty
   * when the server does not implement versioning.
   */
  Optional<String> versioning(String bucket) {
    try {
      String status = s3.getBucketVersioning(request -> request.bucket(bucket)).statusAsString();
      return Optional.of(status == null ? "" : status);
    } catch (SdkException e) {
      if (S3Failures.isStatus(e, S3Failures.NOT_IMPLEMENTED)) {
        return Optional.empty();
      }
      throw S3Failures.of("reading the versioning of bucket " + bucket, e);
    }
  }

  /**
   * Turns versioning on.
   *
   * @throws ActuatorException permanent when the server does not implement versioning
   */
  void enableVersioning(String bucket) {
    try {
      s3.putBucketVersioning(
          request ->
              request
                  .bucket(bucket)
                  .versioningConfiguration(
                      config -> config.status(BucketVersioningStatus.ENABLED)));
    } catch (SdkException e) {
      if (S3Failures.isStatus(e, S3Failures.NOT_IMPLEMENTED)) {
        throw ActuatorException.permanent(VERSIONING_UNSUPPORTED);
      }
      throw S3Failures.of("enabling versioning on bucket " + bucket, e);
    }
  }

  /** Whether the bucket holds no object at all. */
  boolean isEmpty(String bucket) {
    return call(
        "listing bucket " + bucket,
        () -> s3.listObjectsV2(request -> request.bucket(bucket).maxKeys(1)).keyCount() == 0);
  }

  /** Every object under {@code prefix}, page after page. */
  List<S3Object> list(String bucket, String prefix) {
    List<S3Object> objects = new ArrayList<>();
    String token = null;
    do {
      String continuation = token;
      ListObjectsV2Response page =
          call(
              "listing " + prefix + " in bucket " + bucket,
              () ->
                  s3.listObjectsV2(
                      request ->
                          request.bucket(bucket).prefix(prefix).continuationToken(continuation)));
      objects.addAll(page.contents());
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return objects;
  }

  /**
   * Deletes every object whose key {@code matches} (and, in a versioned bucket, every version and
   * delete marker of it), a page at a time in batches of {@value #DELETE_BATCH}, and aborts
   * unfinished multipart uploads. Stops between pages when the thread is interrupted (the runner's
   * timeout); running again carries on where it stopped.
   *
   * @return how many objects and versions it deleted
   */
  int empty(String bucket, Predicate<String> matches) {
    int deleted = deleteCurrentObjects(bucket, matches);
    String versioning = versioning(bucket).orElse("");
    if (!versioning.isEmpty()) {
      deleted += deleteVersions(bucket, matches);
    }
    abortUploads(bucket, matches);
    return deleted;
  }

  void deleteBucket(String bucket) {
    call("deleting bucket " + bucket, () -> s3.deleteBucket(request -> request.bucket(bucket)));
  }

  private int deleteCurrentObjects(String bucket, Predicate<String> matches) {
    int deleted = 0;
    String token = null;
    do {
      checkNotInterrupted(bucket);
      String continuation = token;
      ListObjectsV2Response page =
          call(
              "listing bucket " + bucket,
              () ->
                  s3.listObjectsV2(
                      request ->
                          request
                              .bucket(bucket)
                              .maxKeys(DELETE_BATCH)
                              .continuationToken(continuation)));
      List<ObjectIdentifier> batch =
          page.contents().stream()
              .map(S3Object::key)
              .filter(matches)
              .map(key -> ObjectIdentifier.builder().key(key).build())
              .toList();
      deleted += deleteBatch(bucket, batch);
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return deleted;
  }

  private int deleteVersions(String bucket, Predicate<String> matches) {
    int deleted = 0;
    String keyMarker = null;
    String versionMarker = null;
    boolean more;
    do {
      checkNotInterrupted(bucket);
      String keyFrom = keyMarker;
      String versionFrom = versionMarker;
      ListObjectVersionsResponse page;
      try {
        page =
            s3.listObjectVersions(
                request ->
                    request
                        .bucket(bucket)
                        .maxKeys(DELETE_BATCH)
                        .keyMarker(keyFrom)
                        .versionIdMarker(versionFrom));
      } catch (SdkException e) {
        if (S3Failures.isStatus(e, S3Failures.NOT_IMPLEMENTED)) {
          return deleted;
        }
        throw S3Failures.of("listing the versions in bucket " + bucket, e);
      }
      List<ObjectIdentifier> batch = new ArrayList<>();
      page.versions().stream()
          .filter(version -> matches.test(version.key()))
          .forEach(
              version ->
                  batch.add(
                      ObjectIdentifier.builder()
                          .key(version.key())
                          .versionId(version.versionId())
                          .build()));
      page.deleteMarkers().stream()
          .filter(marker -> matches.test(marker.key()))
          .forEach(
              marker ->
                  batch.add(
                      ObjectIdentifier.builder()
                          .key(marker.key())
                          .versionId(marker.versionId())
                          .build()));
      deleted += deleteBatch(bucket, batch);
      more = Boolean.TRUE.equals(page.isTruncated());
      keyMarker = page.nextKeyMarker();
      versionMarker = page.nextVersionIdMarker();
    } while (more);
    return deleted;
  }

  private int deleteBatch(String bucket, List<ObjectIdentifier> batch) {
    for (int from = 0; from < batch.size(); from += DELETE_BATCH) {
      List<ObjectIdentifier> part =
          batch.subList(from, Math.min(batch.size(), from + DELETE_BATCH));
      DeleteObjectsResponse response =
          call(
              "deleting " + part.size() + " objects in bucket " + bucket,
              () ->
                  s3.deleteObjects(
                      request ->
                          request
                              .bucket(bucket)
                              .delete(delete -> delete.objects(part).quiet(true))));
      if (response.hasErrors() && !response.errors().isEmpty()) {
        var first = response.errors().get(0);
        throw ActuatorException.retryable(
            response.errors().size()
                + " objects in bucket "
                + bucket
                + " could not be deleted, e.g. "
                + first.key()
                + ": "
                + first.code()
                + " "
                + first.message(),
            null);
      }
    }
    return batch.size();
  }

  private void abortUploads(String bucket, Predicate<String> matches) {
    String keyMarker = null;
    String uploadMarker = null;
    boolean more;
    do {
      String keyFrom = keyMarker;
      String uploadFrom = uploadMarker;
      ListMultipartUploadsResponse page;
      try {
        page =
            s3.listMultipartUploads(
                request -> request.bucket(bucket).keyMarker(keyFrom).uploadIdMarker(uploadFrom));
      } catch (SdkException e) {
        if (S3Failures.isStatus(e, S3Failures.NOT_IMPLEMENTED)) {
          return;
        }
        throw S3Failures.of("listing the unfinished uploads in bucket " + bucket, e);
      }
      for (MultipartUpload upload : page.uploads()) {
        if (matches.test(upload.key())) {
          call(
              "aborting the upload of " + upload.key() + " in bucket " + bucket,
              () ->
                  s3.abortMultipartUpload(
                      request ->
                          request.bucket(bucket).key(upload.key()).uploadId(upload.uploadId())));
        }
      }
      more = Boolean.TRUE.equals(page.isTruncated());
      keyMarker = page.nextKeyMarker();
      uploadMarker = page.nextUploadIdMarker();
    } while (more);
  }

  private static void checkNotInterrupted(String bucket) {
    if (Thread.currentThread().isInterrupted()) {
      throw ActuatorException.retryable(
          "stopped while emptying bucket " + bucket + "; the next attempt carries on", null);
    }
  }

  private static <T> T call(String doing, Supplier<T> request) {
    try {
      return request.get();
    } catch (SdkException e) {
      throw S3Failures.of(doing, e);
    }
  }
}
