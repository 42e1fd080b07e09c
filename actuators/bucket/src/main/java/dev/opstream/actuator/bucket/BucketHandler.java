package dev.opstream.actuator.bucket;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opstream.actuator.runner.ActionHandler;
import dev.opstream.actuator.runner.ActuatorException;
import dev.opstream.actuator.runner.Effect;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeleteBucket;
import dev.opstream.topics.records.EnsureBucket;
import dev.opstream.topics.records.Observe;
import dev.opstream.topics.records.OnDelete;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import dev.opstream.topics.serde.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bucket actuator: one S3 bucket per app, always looked at before it is changed.
 *
 * <ul>
 *   <li><b>Ensure</b> creates the bucket if it is missing ({@code CREATED}) and marks it as the
 *       app's: the object {@value OwnerMarker#KEY}, plus tags where the server supports bucket
 *       tagging. A bucket that is already the app's is brought in line with the spec ({@code
 *       UPDATED}: the {@code on-delete} policy, a retained mark cleared, tags, versioning when
 *       configured) or left alone ({@code NOOP}). A bucket that holds objects and no marker of this
 *       app is someone else's: {@code FAILED_PERMANENT}, never touched. An empty bucket without any
 *       marker is adopted ({@code UPDATED}): it is what a crash between creating a bucket and
 *       marking it leaves behind, and it holds nothing to lose.
 *   <li><b>Delete</b> refuses ({@code FAILED_PERMANENT}) unless the bucket carries this app's
 *       marker. Under {@code DELETE} it removes every object and version, a page and a batch at a
 *       time, the marker last, then the bucket ({@code DELETED}); under {@code RETAIN} it leaves
 *       the bucket and marks it retained ({@code UPDATED}, then {@code NOOP}). A missing bucket is
 *       {@code NOOP}.
 *   <li><b>Observe</b> changes nothing ({@code NOOP}) and reports whether the bucket exists,
 *       whether it is the app's, and the newest good backup in it (see {@link BackupManifests}).
 * </ul>
 *
 * <p>The observed state's attributes: {@code name}, {@code onDelete} ({@code DELETE} or {@code
 * RETAIN}), {@code retained} ({@code true}, only once retained), {@code versioning} (only when the
 * actuator is configured to turn it on), and for observe {@code newestBackupAt} (ISO-8601) and
 * {@code newestBackupManifest} when a good backup exists.
 */
public final class BucketHandler implements ActionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(BucketHandler.class);
  private static final String VERSIONING_ENABLED = "Enabled";

  private final BucketConfig config;
  private final Buckets buckets;
  private final BackupManifests backups;
  private final ObjectMapper json = Json.newMapper();

  /** Acts through {@code s3}, which the caller closes; {@code config} says what to set. */
  public BucketHandler(S3Client s3, BucketConfig config) {
    this.config = config;
    this.buckets = new Buckets(s3, config.region());
    this.backups = new BackupManifests(buckets);
  }

  @Override
  public ActionKind kind() {
    return ActionKind.BUCKET;
  }

  @Override
  public Effect handle(Action action) {
    if (action instanceof EnsureBucket ensure) {
      return ensure(ensure);
    }
    if (action instanceof DeleteBucket delete) {
      return delete(delete);
    }
    if (action instanceof Observe observe && observe.kind() == ActionKind.BUCKET) {
      return observe(observe);
    }
    throw ActuatorException.permanent(
        "the bucket actuator cannot run " + action.actionType() + " for " + action.kind());
  }

  private Effect ensure(EnsureBucket action) {
    String bucket = action.spec().name();
    OwnerMarker desired = OwnerMarker.of(action.app(), bucket, action.spec().onDelete());
    if (!buckets.exists(bucket)) {
      buckets.create(bucket);
      writeMarker(desired);
      tag(bucket, Map.of(), desired);
      if (config.versioning()) {
        buckets.enableVersioning(bucket);
      }
      return new Effect(Outcome.CREATED, state(desired));
    }
    Claim claim = claim(bucket, action.app(), true);
    boolean changed = false;
    if (!claim.stored().equals(Optional.of(desired))) {
      LOG.debug(
          "{} bucket {}: owner marker {} -> {}", action.app(), bucket, claim.stored(), desired);
      writeMarker(desired);
      changed = true;
    }
    if (claim.tags().isPresent()) {
      changed |= tag(bucket, claim.tags().get(), desired);
    }
    if (config.versioning()) {
      changed |= enableVersioning(bucket);
    }
    return new Effect(changed ? Outcome.UPDATED : Outcome.NOOP, state(desired));
  }

  private Effect delete(DeleteBucket action) {
    String bucket = action.bucket();
    if (!buckets.exists(bucket)) {
      return new Effect(Outcome.NOOP, ResourceState.absent());
    }
    Claim claim = claim(bucket, action.app(), false);
    OwnerMarker marker = claim.marker();
    if (marker.onDelete() == OnDelete.RETAIN) {
      OwnerMarker retained = marker.retain();
      boolean changed = false;
      if (!claim.stored().equals(Optional.of(retained))) {
        writeMarker(retained);
        changed = true;
      }
      if (claim.tags().isPresent()) {
        changed |= tag(bucket, claim.tags().get(), retained);
      }
      return new Effect(changed ? Outcome.UPDATED : Outcome.NOOP, state(retained));
    }
    int deleted = buckets.empty(bucket, key -> !key.equals(OwnerMarker.KEY));
    buckets.empty(bucket, OwnerMarker.KEY::equals);
    try {
      buckets.deleteBucket(bucket);
    } catch (ActuatorException e) {
      // Put the marker back, so the next attempt still knows the bucket is the app's.
      writeMarker(marker);
      throw e;
    }
    LOG.debug("{} bucket {}: deleted with {} objects", action.app(), bucket, deleted);
    return new Effect(Outcome.DELETED, ResourceState.absent());
  }

  private Effect observe(Observe action) {
    String bucket = action.name();
    if (!buckets.exists(bucket)) {
      return new Effect(Outcome.NOOP, ResourceState.absent());
    }
    Claim claim;
    try {
      claim = claim(bucket, action.app(), false);
    } catch (ActuatorException notOurs) {
      if (notOurs.reason() != ActuatorException.Reason.PERMANENT) {
        throw notOurs;
      }
      return new Effect(Outcome.NOOP, new ResourceState(true, false, Map.of("name", bucket)));
    }
    Map<String, String> attributes = new LinkedHashMap<>(state(claim.marker()).attributes());
    if (config.versioning()) {
      String status = buckets.versioning(bucket).orElse("");
      if (status.isEmpty()) {
        attributes.remove("versioning");
      } else {
        attributes.put("versioning", status);
      }
    }
    backups
        .newest(bucket)
        .ifPresent(
            backup -> {
              attributes.put("newestBackupAt", backup.endedAt().toString());
              attributes.put("newestBackupManifest", backup.manifest());
            });
    return new Effect(Outcome.NOOP, ResourceState.managed(attributes));
  }

  /**
   * Whose the existing {@code bucket} is.
   *
   * @param adoptEmpty whether an empty bucket without any marker counts as the app's
   * @throws ActuatorException permanent when it is not the app's
   */
  private Claim claim(String bucket, AppKey app, boolean adoptEmpty) {
    Optional<OwnerMarker> stored = readMarker(bucket);
    if (stored.isPresent() && !stored.get().ownedBy(app)) {
      throw notOurs(bucket, app, "its owner marker names " + stored.get().app());
    }
    Optional<Map<String, String>> tags = buckets.tags(bucket);
    if (stored.isPresent()) {
      return new Claim(stored.get(), stored, tags);
    }
    if (tags.isPresent()
        && OwnerMarker.MANAGED_BY.equals(tags.get().get(OwnerMarker.TAG_MANAGED_BY))) {
      String taggedApp = tags.get().get(OwnerMarker.TAG_APP);
      if (!app.toString().equals(taggedApp)) {
        throw notOurs(bucket, app, "its tags name " + taggedApp);
      }
      OnDelete onDelete =
          "Retain".equals(tags.get().get(OwnerMarker.TAG_ON_DELETE))
              ? OnDelete.RETAIN
              : OnDelete.DELETE;
      return new Claim(OwnerMarker.of(app, bucket, onDelete), Optional.empty(), tags);
    }
    if (adoptEmpty && buckets.isEmpty(bucket)) {
      LOG.info("{} bucket {}: empty and unmarked, adopting it", app, bucket);
      return new Claim(OwnerMarker.of(app, bucket, OnDelete.DELETE), Optional.empty(), tags);
    }
    throw notOurs(
        bucket,
        app,
        adoptEmpty ? "it holds objects and no opstream owner marker" : "it has no owner marker");
  }

  private Optional<OwnerMarker> readMarker(String bucket) {
    Optional<byte[]> content = buckets.read(bucket, OwnerMarker.KEY);
    if (content.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.readValue(content.get(), OwnerMarker.class));
    } catch (IOException | RuntimeException e) {
      throw ActuatorException.permanent(
          "bucket " + bucket + " has an owner marker opstream cannot read, so it is left alone");
    }
  }

  private void writeMarker(OwnerMarker marker) {
    byte[] content;
    try {
      content = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(marker);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    buckets.write(marker.bucket(), OwnerMarker.KEY, content, "application/json");
  }

  /** Sets the marker's tags, keeping tags of others; whether it changed them. */
  private boolean tag(String bucket, Map<String, String> current, OwnerMarker marker) {
    Map<String, String> wanted = new LinkedHashMap<>(current);
    wanted.keySet().removeIf(key -> key.startsWith("opstream.dev/"));
    wanted.putAll(marker.tags());
    if (wanted.equals(current)) {
      return false;
    }
    return buckets.putTags(bucket, wanted);
  }

  /** Turns versioning on where it is not; whether it changed it. */
  private boolean enableVersioning(String bucket) {
    String status =
        buckets
            .versioning(bucket)
            .orElseThrow(() -> ActuatorException.permanent(Buckets.VERSIONING_UNSUPPORTED));
    if (VERSIONING_ENABLED.equals(status)) {
      return false;
    }
    buckets.enableVersioning(bucket);
    return true;
  }

  private ResourceState state(OwnerMarker marker) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("name", marker.bucket());
    attributes.put("onDelete", marker.onDelete().name());
    if (marker.retained()) {
      attributes.put("retained", "true");
    }
    if (config.versioning()) {
      attributes.put("versioning", VERSIONING_ENABLED);
    }
    return ResourceState.managed(attributes);
  }

  private static ActuatorException notOurs(String bucket, AppKey app, String why) {
    return ActuatorException.permanent(
        "bucket "
            + bucket
            + " exists and is not opstream's for "
            + app
            + " ("
            + why
            + "); opstream leaves it alone: delete or rename it, or change the bucket prefix");
  }

  /**
   * An existing bucket that is the app's.
   *
   * @param marker its marker, as stored or as its tags tell it
   * @param stored the marker object as stored, if there is one
   * @param tags its tags; empty when the server does not implement tagging
   */
  private record Claim(
      OwnerMarker marker, Optional<OwnerMarker> stored, Optional<Map<String, String>> tags) {}
}
