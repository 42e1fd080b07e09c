package dev.opstream.planner.core;

import dev.opstream.planner.desired.DesiredSpec;
import dev.opstream.planner.desired.DesiredState;
import dev.opstream.topics.records.AppKey;
import java.util.Objects;
import java.util.Optional;

/**
 * The desired side of an app, as {@link Planner#plan} takes it: what the annotations say, and
 * whether the Deployment still exists.
 *
 * @param app the app
 * @param deploymentUid the uid of the Deployment last observed; null if it never was
 * @param deploymentPresent whether the Deployment exists (a held deletion counts as present)
 * @param annotated whether the Deployment carries any {@code opstream.dev/*} annotation
 * @param state the desired spec in force (last good when the annotations are bad), with errors
 * @param goneReason how the Deployment's deletion was learned, null while present
 * @param heldMessage why a snapshot-inferred deletion is held, null when none is
 */
public record Desired(
    AppKey app,
    String deploymentUid,
    boolean deploymentPresent,
    boolean annotated,
    DesiredState state,
    String goneReason,
    String heldMessage) {

  public Desired {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(state, "state");
  }

  public Optional<DesiredSpec> spec() {
    return state.spec();
  }

  /** Whether the app should have its resources: enabled, and its Deployment exists. */
  public boolean live() {
    return deploymentPresent && spec().map(DesiredSpec::enabled).orElse(false);
  }

  /** Whether planning is paused for this app by its annotation. */
  public boolean pausedByAnnotation() {
    return spec().map(DesiredSpec::paused).orElse(false);
  }
}
