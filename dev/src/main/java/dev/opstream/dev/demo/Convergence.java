package dev.opstream.dev.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges whether the world is what the story asks for. Pure: it compares what was observed with
 * each app's fate and says, in words, what differs.
 */
public final class Convergence {

  private Convergence() {}

  /** What must hold once the apps were annotated: every annotated app has all three resources. */
  public static List<String> afterEnable(DemoApp app, AppObservation seen) {
    return app.fate().annotatedAtStart() ? present(app, seen, false) : untouched(app, seen);
  }

  /** What must hold at the end of the story, by fate. */
  public static List<String> atEnd(DemoApp app, AppObservation seen) {
    return switch (app.fate()) {
      case KEPT -> present(app, seen, true);
      case UNANNOTATED, DELETED -> absent(app, seen);
      case NEVER_ANNOTATED -> untouched(app, seen);
    };
  }

  /** Whether nothing differs at the end for any app. */
  public static boolean converged(DemoApp app, AppObservation seen) {
    return atEnd(app, seen).isEmpty();
  }

  private static List<String> present(DemoApp app, AppObservation seen, boolean withBackup) {
    List<String> problems = new ArrayList<>();
    if (!seen.bucket()) {
      problems.add(app.app() + ": bucket " + app.bucket() + " does not exist");
    }
    if (!seen.release()) {
      problems.add(app.app() + ": Redis release " + app.release() + " is not deployed");
    }
    if (!seen.cronJob()) {
      problems.add(app.app() + ": CronJob " + app.cronJob() + " does not exist");
    }
    if (!seen.state().map("Converged"::equals).orElse(false)) {
      problems.add(app.app() + ": status is " + seen.state().orElse("missing") + ", not Converged");
    }
    if (withBackup && seen.lastBackup().isEmpty()) {
      problems.add(app.app() + ": its status reports no last backup");
    }
    return problems;
  }

  private static List<String> absent(DemoApp app, AppObservation seen) {
    List<String> problems = new ArrayList<>();
    if (seen.cronJob()) {
      problems.add(app.app() + ": CronJob " + app.cronJob() + " still exists");
    }
    if (seen.release()) {
      problems.add(app.app() + ": Redis release " + app.release() + " is still deployed");
    }
    if (seen.bucket()) {
      problems.add(app.app() + ": bucket " + app.bucket() + " still exists");
    }
    return problems;
  }

  private static List<String> untouched(DemoApp app, AppObservation seen) {
    List<String> problems = new ArrayList<>(absent(app, seen));
    if (seen.actions() > 0) {
      problems.add(app.app() + ": the planner emitted " + seen.actions() + " actions for it");
    }
    if (!seen.deploymentUnchanged()) {
      problems.add(app.app() + ": its Deployment was changed");
    }
    return problems;
  }
}
