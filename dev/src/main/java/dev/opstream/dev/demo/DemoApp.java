package dev.opstream.dev.demo;

import dev.opstream.topics.records.AppKey;
import java.util.List;
import java.util.Objects;

/**
 * One Deployment of the demo's story and what happens to it.
 *
 * @param app the app's key ({@code cluster/namespace/name})
 * @param fate what the story does with it
 */
public record DemoApp(AppKey app, Fate fate) {

  /** What the story does with an app, and so what the world must look like at the end. */
  public enum Fate {
    /** Annotated from the start and kept: bucket, Redis and CronJob stay, with a backup. */
    KEPT,
    /** Annotated, backed up, then its annotation is removed: everything torn down. */
    UNANNOTATED,
    /** Annotated, backed up, then the Deployment is deleted: everything torn down. */
    DELETED,
    /** Never annotated: opstream must never act on it. */
    NEVER_ANNOTATED;

    /** Whether the Deployment carries {@code opstream.dev/enabled: "true"} at the start. */
    public boolean annotatedAtStart() {
      return this != NEVER_ANNOTATED;
    }

    /** Whether its bucket, Redis and CronJob must exist at the end. */
    public boolean resourcesAtEnd() {
      return this == KEPT;
    }
  }

  /** The bucket prefix of the planner's default configuration. */
  static final String BUCKET_PREFIX = "opstream";

  public DemoApp {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(fate, "fate");
  }

  /** The story: two clusters, the same name in both, one app of each fate. */
  public static List<DemoApp> story() {
    return List.of(
        new DemoApp(new AppKey("eks", "default", "shop"), Fate.UNANNOTATED),
        new DemoApp(new AppKey("eks", "default", "cart"), Fate.KEPT),
        new DemoApp(new AppKey("eks", "default", "web"), Fate.NEVER_ANNOTATED),
        new DemoApp(new AppKey("local", "default", "shop"), Fate.KEPT),
        new DemoApp(new AppKey("local", "default", "orders"), Fate.DELETED),
        new DemoApp(new AppKey("local", "default", "tools"), Fate.NEVER_ANNOTATED));
  }

  public String cluster() {
    return app.cluster();
  }

  public String namespace() {
    return app.namespace();
  }

  public String name() {
    return app.name();
  }

  /** The app's bucket, as the planner names it ({@code <prefix>-<cluster>-<namespace>-<name>}). */
  public String bucket() {
    return BUCKET_PREFIX + "-" + app.cluster() + "-" + app.namespace() + "-" + app.name();
  }

  /** The Helm release of its Redis, {@code <name>-redis}; also the name of its Service. */
  public String release() {
    return app.name() + "-redis";
  }

  /** The backup CronJob, {@code <name>-redis-backup}. */
  public String cronJob() {
    return release() + "-backup";
  }

  /** The Redis password Secret the redis actuator creates, {@code <name>-redis-auth}. */
  public String passwordSecret() {
    return release() + "-auth";
  }
}
