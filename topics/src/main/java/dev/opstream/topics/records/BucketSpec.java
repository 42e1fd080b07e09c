package dev.opstream.topics.records;

/**
 * The desired bucket.
 *
 * @param name the S3 bucket name ({@code <prefix>-<cluster>-<namespace>-<name>}, made valid)
 * @param onDelete what happens to the bucket when the app goes away
 */
public record BucketSpec(String name, OnDelete onDelete) {

  public BucketSpec {
    Checks.requiredText(name, "name");
    Checks.required(onDelete, "onDelete");
  }
}
