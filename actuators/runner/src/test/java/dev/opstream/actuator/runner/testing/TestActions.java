package dev.opstream.actuator.runner.testing;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.BucketSpec;
import dev.opstream.topics.records.EnsureBucket;
import dev.opstream.topics.records.OnDelete;
import java.util.UUID;

/** Actions for tests, each with an app of its own unless one is given. */
public final class TestActions {

  public static final String UID = "00000000-0000-0000-0000-000000000001";
  public static final String CAUSE = "it-cause";

  private TestActions() {}

  /** An app key unique to this call: {@code it/<namespace>/<random>}. */
  public static AppKey newApp(String namespace) {
    return new AppKey("it", namespace, "app-" + UUID.randomUUID().toString().substring(0, 13));
  }

  /** An ensure for {@code app} whose id differs by {@code variant}. */
  public static EnsureBucket ensure(AppKey app, String variant) {
    return EnsureBucket.of(
        app,
        UID,
        new BucketSpec("b-" + app.name() + "-" + variant, OnDelete.DELETE),
        CAUSE,
        "test " + variant);
  }
}
