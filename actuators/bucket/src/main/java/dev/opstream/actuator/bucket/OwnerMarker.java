package dev.opstream.actuator.bucket;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.OnDelete;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What opstream writes into each bucket it owns, as the object {@value #KEY} (and, where the server
 * supports bucket tagging, as tags too): whose bucket it is and what happens to it when the app
 * goes away. A bucket without a marker or tags naming its app is not opstream's.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param managedBy always {@value #MANAGED_BY}
 * @param app the app the bucket belongs to
 * @param cluster the app's cluster (also in {@code app}; kept apart for people browsing buckets)
 * @param bucket the bucket's name
 * @param onDelete the app's {@code opstream.dev/on-delete} policy, as of the last ensure
 * @param retained whether the app went away and the bucket was kept by the {@code RETAIN} policy
 */
record OwnerMarker(
    int schemaVersion,
    String managedBy,
    AppKey app,
    String cluster,
    String bucket,
    OnDelete onDelete,
    boolean retained) {

  static final String KEY = ".opstream/owner.json";
  static final int SCHEMA_VERSION = 1;
  static final String MANAGED_BY = "opstream";

  static final String TAG_MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String TAG_APP = "opstream.dev/app";
  static final String TAG_ON_DELETE = "opstream.dev/on-delete";
  static final String TAG_RETAINED = "opstream.dev/retained";

  static OwnerMarker of(AppKey app, String bucket, OnDelete onDelete) {
    return new OwnerMarker(SCHEMA_VERSION, MANAGED_BY, app, app.cluster(), bucket, onDelete, false);
  }

  boolean ownedBy(AppKey candidate) {
    return MANAGED_BY.equals(managedBy) && candidate.equals(app);
  }

  OwnerMarker retain() {
    return new OwnerMarker(schemaVersion, managedBy, app, cluster, bucket, onDelete, true);
  }

  /** The tags that say the same. */
  Map<String, String> tags() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(TAG_MANAGED_BY, MANAGED_BY);
    tags.put(TAG_APP, app.toString());
    tags.put(TAG_ON_DELETE, onDelete == OnDelete.RETAIN ? "Retain" : "Delete");
    if (retained) {
      tags.put(TAG_RETAINED, "true");
    }
    return tags;
  }
}
