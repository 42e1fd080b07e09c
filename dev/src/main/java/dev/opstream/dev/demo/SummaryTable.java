package dev.opstream.dev.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The table the demo ends with: one row per app. Pure: it only formats. */
public final class SummaryTable {

  static final List<String> HEADERS =
      List.of("APP", "CLUSTER", "BUCKET", "RELEASE", "CRONJOB", "LAST BACKUP", "STATE");

  private SummaryTable() {}

  /** One row per app, columns padded to the widest cell, two spaces apart. */
  public static String format(List<DemoApp> apps, List<AppObservation> observations) {
    if (apps.size() != observations.size()) {
      throw new IllegalArgumentException("one observation per app");
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (int i = 0; i < apps.size(); i++) {
      rows.add(row(apps.get(i), observations.get(i)));
    }
    int[] widths = new int[HEADERS.size()];
    for (List<String> row : rows) {
      for (int column = 0; column < row.size(); column++) {
        widths[column] = Math.max(widths[column], row.get(column).length());
      }
    }
    StringBuilder table = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < row.size(); column++) {
        String cell = row.get(column);
        line.append(cell);
        if (column < row.size() - 1) {
          line.append(" ".repeat(widths[column] - cell.length() + 2));
        }
      }
      table.append(line.toString().stripTrailing()).append('\n');
    }
    return table.toString();
  }

  static List<String> row(DemoApp app, AppObservation seen) {
    return List.of(
        app.namespace() + "/" + app.name(),
        app.cluster(),
        seen.bucket() ? app.bucket() : "-",
        seen.release() ? app.release() : "-",
        seen.cronJob() ? app.cronJob() : "-",
        seen.lastBackup().map(Instant::toString).orElse("-"),
        state(app, seen));
  }

  /** What the story did with the app and whether the world agrees. */
  static String state(DemoApp app, AppObservation seen) {
    boolean ok = Convergence.converged(app, seen);
    String verdict =
        switch (app.fate()) {
          case KEPT -> "converged";
          case UNANNOTATED -> "torn down (annotation removed)";
          case DELETED -> "torn down (Deployment deleted)";
          case NEVER_ANNOTATED -> "untouched (not annotated)";
        };
    return ok ? verdict : "NOT CONVERGED (wanted: " + verdict + ")";
  }
}
