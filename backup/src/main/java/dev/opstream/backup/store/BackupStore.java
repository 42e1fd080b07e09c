package dev.opstream.backup.store;

import dev.opstream.backup.BackupException;
import dev.opstream.backup.ExitCode;
import dev.opstream.backup.store.BackupLayout.BackupObject;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The backups under one prefix of one bucket: upload a data object, write a manifest, list what is
 * there and in what state, read a backup back, delete one. Only keys that {@link BackupLayout}
 * recognises are ever read or deleted.
 */
public final class BackupStore {

  /** The default part size of multipart uploads (S3's minimum is 5 MiB). */
  public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(BackupStore.class);

  private final S3Client s3;
  private final String bucket;
  private final BackupLayout layout;
  private final int partSize;

  public BackupStore(S3Client s3, String bucket, BackupLayout layout, int partSize) {
    this.s3 = s3;
    this.bucket = bucket;
    this.layout = layout;
    this.partSize = partSize;
  }

  public String bucket() {
    return bucket;
  }

  public BackupLayout layout() {
    return layout;
  }

  /** {@code s3://bucket/prefix}, for messages. */
  public String location() {
    return "s3://" + bucket + "/" + layout.prefix();
  }

  /**
   * Checks that the bucket exists and these credentials may use it.
   *
   * @throws BackupException BUCKET_MISSING, ACCESS_DENIED or S3_UNREACHABLE
   */
  public void requireBucket() {
    try {
      s3.headBucket(head -> head.bucket(bucket));
    } catch (SdkException e) {
      throw S3Errors.translate(e, bucket, "check that it exists");
    }
  }

  /** Starts the upload of backup {@code id}'s data object; close it to abort. */
  public UploadStream startData(BackupId id, BackupMode mode) {
    return new UploadStream(s3, bucket, layout.dataKey(id, mode), partSize);
  }

  /** Writes the manifest, which makes the backup good. */
  public void writeManifest(Manifest manifest) {
    String key = layout.manifestKey(manifest.id());
    try {
      s3.putObject(
          put -> put.bucket(bucket).key(key).contentType("application/json"),
          RequestBody.fromBytes(ManifestJson.write(manifest)));
    } catch (SdkException e) {
      throw S3Errors.translate(e, bucket, "write " + key);
    }
  }

  /** Every backup under the prefix, newest first, with its state. */
  public List<BackupEntry> list() {
    Map<BackupId, List<Found>> byId = new TreeMap<>(Comparator.reverseOrder());
    try {
      for (S3Object object :
          s3.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(layout.prefix()))
              .contents()) {
        Optional<BackupObject> found = layout.classify(object.key());
        if (found.isPresent()) {
          byId.computeIfAbsent(found.get().id(), id -> new ArrayList<>())
              .add(new Found(found.get(), object.size()));
        }
      }
    } catch (SdkException e) {
      throw S3Errors.translate(e, bucket, "list " + layout.prefix());
    }
    List<BackupEntry> entries = new ArrayList<>();
    byId.forEach((id, objects) -> entries.add(entry(id, objects)));
    return entries;
  }

  /** The newest good backup, if any. */
  public Optional<BackupEntry> latestGood() {
    return list().stream().filter(BackupEntry::isGood).findFirst();
  }

  /**
   * The good backup {@code id}.
   *
   * @throws BackupException NO_BACKUP if there is none, or it is not good
   */
  public BackupEntry good(BackupId id) {
    BackupEntry entry =
        list().stream()
            .filter(e -> e.id().equals(id))
            .findFirst()
            .orElseThrow(
                () ->
                    new BackupException(
                        ExitCode.NO_BACKUP, "there is no backup " + id + " in " + location()));
    if (!entry.isGood()) {
      throw new BackupException(
          ExitCode.NO_BACKUP,
          "backup "
              + id
              + " is "
              + entry.state()
              + entry.problem().map(p -> " (" + p + ")").orElse("")
              + ": it cannot be restored");
    }
    return entry;
  }

  /** Reads a good backup's data object (compressed); the caller closes it. */
  public InputStream openData(BackupEntry entry) {
    Manifest manifest = entry.goodManifest();
    String key = layout.dataKey(manifest.id(), manifest.mode());
    try {
      return s3.getObject(get -> get.bucket(bucket).key(key));
    } catch (SdkException e) {
      throw S3Errors.translate(e, bucket, "read " + key);
    }
  }

  /** Deletes a backup: its manifest first, so it stops being good before its data goes. */
  public void delete(BackupEntry entry) {
    List<String> keys = new ArrayList<>(entry.keys());
    keys.sort(Comparator.comparing((String key) -> !key.endsWith("/" + BackupLayout.MANIFEST)));
    for (String key : keys) {
      if (layout.classify(key).isEmpty()) {
        throw new IllegalStateException(key + " is not a backup object; refusing to delete it");
      }
      try {
        s3.deleteObject(delete -> delete.bucket(bucket).key(key));
      } catch (SdkException e) {
        throw S3Errors.translate(e, bucket, "delete " + key);
      }
    }
    LOG.info("Deleted backup {} ({}) from {}", entry.id(), entry.state(), location());
  }

  /**
   * The multipart uploads of backup data objects that were started and never completed nor aborted
   * (a killed backup), oldest first; empty if S3 will not list them.
   */
  public List<UnfinishedUpload> unfinishedUploads() {
    List<UnfinishedUpload> uploads = new ArrayList<>();
    try {
      for (MultipartUpload upload :
          s3.listMultipartUploadsPaginator(list -> list.bucket(bucket).prefix(layout.prefix()))
              .uploads()) {
        layout
            .classify(upload.key())
            .filter(object -> !object.isManifest())
            .ifPresent(
                object ->
                    uploads.add(
                        new UnfinishedUpload(object.id(), upload.key(), upload.uploadId())));
      }
    } catch (SdkException e) {
      LOG.warn("Cannot list unfinished uploads in {}: {}", location(), e.getMessage());
      return List.of();
    }
    uploads.sort(Comparator.comparing(UnfinishedUpload::id));
    return uploads;
  }

  /** Aborts an unfinished upload, which frees its parts; a failure is logged, not thrown. */
  public void abort(UnfinishedUpload upload) {
    try {
      s3.abortMultipartUpload(
          abort -> abort.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
      LOG.info("Aborted the unfinished upload of {}", upload.key());
    } catch (SdkException e) {
      LOG.warn("Cannot abort the upload of {}: {}", upload.key(), e.getMessage());
    }
  }

  /**
   * A multipart upload of a backup's data object that was never completed.
   *
   * @param id the backup it belongs to
   * @param key its object key
   * @param uploadId its upload id
   */
  public record UnfinishedUpload(BackupId id, String key, String uploadId) {}

  private BackupEntry entry(BackupId id, List<Found> objects) {
    List<String> keys = objects.stream().map(f -> f.object().key()).toList();
    Optional<Found> manifestObject =
        objects.stream().filter(f -> f.object().isManifest()).findAny();
    Optional<Found> data = objects.stream().filter(f -> !f.object().isManifest()).findFirst();
    Optional<BackupMode> dataMode = data.flatMap(f -> f.object().dataMode());
    Optional<Long> dataBytes = data.map(Found::size);
    if (manifestObject.isEmpty()) {
      return new BackupEntry(
          id,
          BackupState.INCOMPLETE,
          Optional.empty(),
          dataMode,
          dataBytes,
          Optional.of("no manifest: the backup never finished"),
          keys);
    }
    Manifest manifest;
    try {
      manifest = ManifestJson.read(readSmall(manifestObject.get().object().key()));
    } catch (ManifestJson.InvalidManifestException e) {
      return damaged(
          id, Optional.empty(), dataMode, dataBytes, "manifest: " + e.getMessage(), keys);
    }
    if (!manifest.id().equals(id)) {
      return damaged(
          id, Optional.of(manifest), dataMode, dataBytes, "manifest of " + manifest.id(), keys);
    }
    Optional<Found> named =
        objects.stream()
            .filter(f -> f.object().dataMode().equals(Optional.of(manifest.mode())))
            .findAny();
    if (named.isEmpty()) {
      return damaged(
          id,
          Optional.of(manifest),
          dataMode,
          dataBytes,
          manifest.dataObject() + " is missing",
          keys);
    }
    if (named.get().size() != manifest.bytes()) {
      return damaged(
          id,
          Optional.of(manifest),
          Optional.of(manifest.mode()),
          Optional.of(named.get().size()),
          manifest.dataObject()
              + " has "
              + named.get().size()
              + " bytes, the manifest says "
              + manifest.bytes(),
          keys);
    }
    return new BackupEntry(
        id,
        BackupState.GOOD,
        Optional.of(manifest),
        Optional.of(manifest.mode()),
        Optional.of(manifest.bytes()),
        Optional.empty(),
        keys);
  }

  private static BackupEntry damaged(
      BackupId id,
      Optional<Manifest> manifest,
      Optional<BackupMode> dataMode,
      Optional<Long> dataBytes,
      String problem,
      List<String> keys) {
    return new BackupEntry(
        id, BackupState.DAMAGED, manifest, dataMode, dataBytes, Optional.of(problem), keys);
  }

  private byte[] readSmall(String key) {
    try {
      return s3.getObjectAsBytes(get -> get.bucket(bucket).key(key)).asByteArray();
    } catch (SdkException e) {
      throw S3Errors.translate(e, bucket, "read " + key);
    }
  }

  private record Found(BackupObject object, long size) {}
}
