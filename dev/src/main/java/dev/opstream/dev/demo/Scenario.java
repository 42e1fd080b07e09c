package dev.opstream.dev.demo;

import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The story of the demo, played against a running {@link DemoRuntime} and printed step by step:
 * Deployments in two clusters, the annotated ones converge, their backups run and restore, one app
 * is un-annotated and another deleted, and a summary shows the world. Returns the summary's
 * verdict; a step that does not converge in time ends the story with what did not.
 */
final class Scenario {

  static final String ENABLED = "opstream.dev/enabled";

  private final DemoRuntime runtime;
  private final List<DemoApp> apps;
  private final PrintWriter out;
  private final Duration timeout;

  Scenario(DemoRuntime runtime, List<DemoApp> apps, PrintWriter out, Duration timeout) {
    this.runtime = runtime;
    this.apps = List.copyOf(apps);
    this.out = out;
    this.timeout = timeout;
  }

  /** What the story ended with. */
  record Outcome(List<AppObservation> observations, List<String> problems) {
    boolean converged() {
      return problems.isEmpty();
    }
  }

  Outcome play() {
    try (DemoWorld world = new DemoWorld(runtime.stack(), runtime.pipeline())) {
      List<String> problems = new ArrayList<>();
      try {
        createDeployments(world);
        awaitEnabled(world);
        Map<AppKey, Instant> backups = backUp(world);
        awaitLastBackups(world, backups);
        tearDown(world);
      } catch (DemoException e) {
        problems.add(e.getMessage());
        out.println("  FAILED: " + e.getMessage());
      }
      step(5, "Summary");
      List<AppObservation> observations = world.observeAll(apps);
      out.print(SummaryTable.format(apps, observations));
      for (int i = 0; i < apps.size(); i++) {
        problems.addAll(Convergence.atEnd(apps.get(i), observations.get(i)));
      }
      out.flush();
      return new Outcome(observations, problems.stream().distinct().toList());
    }
  }

  private void createDeployments(DemoWorld world) {
    step(1, "Deployments in both clusters, some annotated " + ENABLED + "=true");
    for (DemoApp app : apps) {
      Map<String, String> annotations =
          app.fate().annotatedAtStart() ? Map.of(ENABLED, "true") : Map.of();
      Deployment created = world.cluster(app).resource(deployment(app, annotations)).create();
      world.wrote(app, created);
      out.printf(
          "  kubectl --context %s apply: deployment %s/%s%s%n",
          app.cluster(),
          app.namespace(),
          app.name(),
          annotations.isEmpty() ? " (not annotated)" : " annotated " + ENABLED + "=true");
    }
    out.flush();
  }

  private void awaitEnabled(DemoWorld world) {
    step(2, "Each annotated app gets its bucket, Redis release and backup CronJob");
    Duration took =
        Waiter.until(
            "enabling the annotated apps",
            timeout,
            () -> {
              Map<AppKey, Long> actions = world.actionCounts();
              List<String> problems = new ArrayList<>();
              for (DemoApp app : apps) {
                problems.addAll(Convergence.afterEnable(app, world.observe(app, actions)));
              }
              return problems;
            });
    for (DemoApp app : apps) {
      if (app.fate().annotatedAtStart()) {
        out.printf(
            "  %s: bucket %s, release %s, CronJob %s: Converged%n",
            app.app(), app.bucket(), app.release(), app.cronJob());
      } else {
        out.printf("  %s: not annotated, nothing created%n", app.app());
      }
    }
    out.printf("  all converged after %s (status page: %s)%n", Waiter.seconds(took), statusUrl());
    out.flush();
  }

  private Map<AppKey, Instant> backUp(DemoWorld world) {
    step(
        3,
        "The demo acts as the kubelet for the backups (nothing runs pods on the in-process API"
            + " servers)");
    BackupDrill drill = new BackupDrill(world, runtime.dataDir(), out, timeout);
    Map<AppKey, Instant> startedAt = new HashMap<>();
    for (DemoApp app : apps) {
      if (app.fate().annotatedAtStart()) {
        startedAt.put(app.app(), drill.run(app));
      }
    }
    return startedAt;
  }

  private void awaitLastBackups(DemoWorld world, Map<AppKey, Instant> backups) {
    out.println("  waiting for each app's status to report its backup (bucket drift check)");
    Duration took =
        Waiter.until(
            "the last backup in the apps' statuses",
            timeout,
            () -> {
              List<String> problems = new ArrayList<>();
              for (DemoApp app : apps) {
                Instant started = backups.get(app.app());
                if (started == null) {
                  continue;
                }
                Optional<Instant> last = world.status(app).map(AppStatus::lastBackup);
                if (last.isEmpty() || last.get().isBefore(started)) {
                  problems.add(app.app() + ": its status reports no backup since " + started);
                }
              }
              return problems;
            });
    for (DemoApp app : apps) {
      if (backups.containsKey(app.app())) {
        out.printf(
            "  %s: status lastBackup %s%n",
            app.app(), world.status(app).map(AppStatus::lastBackup).orElse(null));
      }
    }
    out.printf("  reported after %s%n", Waiter.seconds(took));
    out.flush();
  }

  private void tearDown(DemoWorld world) {
    step(4, "Un-annotate one app, delete another: both torn down in order");
    List<DemoApp> leaving = new ArrayList<>();
    for (DemoApp app : apps) {
      switch (app.fate()) {
        case UNANNOTATED -> {
          Deployment edited =
              world
                  .cluster(app)
                  .apps()
                  .deployments()
                  .inNamespace(app.namespace())
                  .withName(app.name())
                  .edit(
                      d ->
                          new DeploymentBuilder(d)
                              .editMetadata()
                              .removeFromAnnotations(ENABLED)
                              .endMetadata()
                              .build());
          world.wrote(app, edited);
          out.printf(
              "  kubectl --context %s annotate deployment %s %s-%n",
              app.cluster(), app.name(), ENABLED);
          leaving.add(app);
        }
        case DELETED -> {
          world
              .cluster(app)
              .apps()
              .deployments()
              .inNamespace(app.namespace())
              .withName(app.name())
              .delete();
          out.printf("  kubectl --context %s delete deployment %s%n", app.cluster(), app.name());
          leaving.add(app);
        }
        default -> {}
      }
    }
    out.flush();
    Duration took =
        Waiter.until(
            "the teardown",
            timeout,
            () -> {
              Map<AppKey, Long> actions = world.actionCounts();
              List<String> problems = new ArrayList<>();
              for (DemoApp app : leaving) {
                problems.addAll(Convergence.atEnd(app, world.observe(app, actions)));
              }
              return problems;
            });
    for (DemoApp app : leaving) {
      List<ActionResult> results = world.results(app);
      out.printf(
          "  %s: torn down; results in order: %s%n",
          app.app(), String.join(" -> ", TeardownOrder.describe(results)));
      Optional<String> problem = TeardownOrder.problem(results);
      if (problem.isPresent()) {
        throw new DemoException(
            DemoException.Reason.PERMANENT,
            app.app() + ": teardown out of order: " + problem.get());
      }
    }
    out.printf("  torn down after %s%n", Waiter.seconds(took));
    Map<AppKey, Long> actions = world.actionCounts();
    for (DemoApp app : apps) {
      if (app.fate() == DemoApp.Fate.NEVER_ANNOTATED) {
        AppObservation seen = world.observe(app, actions);
        List<String> problems = Convergence.atEnd(app, seen);
        if (!problems.isEmpty()) {
          throw new DemoException(DemoException.Reason.PERMANENT, String.join("; ", problems));
        }
        out.printf(
            "  %s: never annotated: no action emitted, Deployment unchanged, no bucket, release"
                + " or CronJob%n",
            app.app());
      }
    }
    out.flush();
  }

  private String statusUrl() {
    return runtime.pipeline().statusUrl().toString();
  }

  private void step(int number, String title) {
    out.printf("%n[%d/5] %s%n", number, title);
    out.flush();
  }

  static Deployment deployment(DemoApp app, Map<String, String> annotations) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(app.name())
        .withNamespace(app.namespace())
        .withAnnotations(annotations)
        .addToLabels("app", app.name())
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .addToMatchLabels("app", app.name())
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", app.name())
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(app.name())
        .withImage("nginx")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
