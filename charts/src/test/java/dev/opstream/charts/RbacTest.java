package dev.opstream.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The rights every ServiceAccount gets are exactly the table in the chart's README (between {@code
 * BEGIN RBAC} and {@code END RBAC}): a rule added to the chart but not documented, or documented
 * but not rendered, fails.
 */
class RbacTest {

  /** One granted rule: who, where (cluster-wide, or a namespace), API group, resource, verbs. */
  record Grant(
      String serviceAccount, String scope, String apiGroup, String resource, Set<String> verbs) {}

  @Test
  void allNamespacesTheRulesAreExactlyTheDocumentedOnes() throws IOException {
    Rendered rendered = OpstreamChart.withRequiredValues().render();

    assertThat(grants(rendered)).containsExactlyInAnyOrderElementsOf(documented(List.of()));
  }

  @Test
  void withAListOfNamespacesTheWatcherGetsRolesInThoseOnly() throws IOException {
    Rendered rendered =
        OpstreamChart.withNoValues().values("src/test/resources/scaled-values.yaml").render();

    assertThat(grants(rendered))
        .containsExactlyInAnyOrderElementsOf(documented(List.of("shop", "billing")));
    assertThat(rendered.find(ClusterRole.class, "opstream-watcher")).isEmpty();
  }

  @Test
  void withoutEventsTheWatcherCannotCreateEvents() throws IOException {
    Rendered rendered =
        OpstreamChart.withRequiredValues().set("watcher.reportEvents", false).render();

    assertThat(grants(rendered))
        .containsExactlyInAnyOrderElementsOf(
            documented(List.of()).stream().filter(g -> !g.resource().equals("events")).toList());
  }

  @Test
  void onlyTheStagesThatCallKubernetesGetAToken() {
    Rendered rendered =
        OpstreamChart.withNoValues()
            .values("src/test/resources/scaled-values.yaml")
            .withHooks()
            .render();

    for (ServiceAccount account : rendered.all(ServiceAccount.class)) {
      assertThat(account.getAutomountServiceAccountToken()).isFalse();
    }
    for (Rendered.Workload workload : rendered.workloads()) {
      boolean callsKubernetes =
          Set.of("opstream-watcher", "opstream-actuator-redis", "opstream-actuator-cronjob")
              .contains(workload.name());
      assertThat(workload.template().getSpec().getAutomountServiceAccountToken())
          .as(workload.name())
          .isEqualTo(callsKubernetes);
    }
    assertThat(rendered.all(ServiceAccount.class))
        .extracting(a -> a.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "opstream-watcher",
            "opstream-planner",
            "opstream-actuator-bucket",
            "opstream-actuator-redis",
            "opstream-actuator-cronjob");
    assertThat(
            rendered
                .one(ServiceAccount.class, "opstream-actuator-bucket")
                .getMetadata()
                .getAnnotations())
        .containsEntry(
            "eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/opstream-buckets");
  }

  /** Every (binding → role → rule) the rendering grants, split into one grant per resource. */
  private static List<Grant> grants(Rendered rendered) {
    List<Grant> grants = new ArrayList<>();
    for (ClusterRoleBinding binding : rendered.all(ClusterRoleBinding.class)) {
      ClusterRole role =
          rendered.one(ClusterRole.class, roleName(binding.getRoleRef(), "ClusterRole"));
      addAll(grants, binding.getSubjects(), "cluster", role.getRules());
    }
    for (RoleBinding binding : rendered.all(RoleBinding.class)) {
      String namespace = binding.getMetadata().getNamespace();
      String name = roleName(binding.getRoleRef(), "Role");
      Role role =
          rendered.all(Role.class).stream()
              .filter(r -> r.getMetadata().getName().equals(name))
              .filter(r -> r.getMetadata().getNamespace().equals(namespace))
              .findFirst()
              .orElseThrow(() -> new AssertionError("RoleBinding to a missing Role " + name));
      addAll(grants, binding.getSubjects(), namespace, role.getRules());
    }
    // No role is left unbound, and no kind of RBAC object is unaccounted for.
    assertThat(rendered.all(ClusterRole.class))
        .hasSameSizeAs(rendered.all(ClusterRoleBinding.class));
    assertThat(rendered.all(Role.class)).hasSameSizeAs(rendered.all(RoleBinding.class));
    return grants;
  }

  private static String roleName(RoleRef ref, String kind) {
    assertThat(ref.getKind()).isEqualTo(kind);
    return ref.getName();
  }

  private static void addAll(
      List<Grant> grants, List<Subject> subjects, String scope, List<PolicyRule> rules) {
    for (Subject subject : subjects) {
      assertThat(subject.getKind()).isEqualTo("ServiceAccount");
      assertThat(subject.getNamespace()).isEqualTo(OpstreamChart.NAMESPACE);
      String account = subject.getName().replaceFirst("^opstream-", "");
      for (PolicyRule rule : rules) {
        assertThat(rule.getResourceNames()).isNullOrEmpty();
        assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
        for (String group : rule.getApiGroups()) {
          for (String resource : rule.getResources()) {
            grants.add(
                new Grant(
                    account,
                    scope,
                    group.isEmpty() ? "core" : group,
                    resource,
                    new TreeSet<>(rule.getVerbs())));
          }
        }
      }
    }
  }

  /**
   * The README's table as grants: "ClusterRole" rows are cluster-wide, or (for the watcher with
   * {@code watcherNamespaces}) one grant per namespace; "Role in the release's namespace" rows are
   * in the release's namespace; rows with verbs "none" grant nothing.
   */
  private static List<Grant> documented(List<String> watcherNamespaces) throws IOException {
    String readme = Files.readString(Path.of("opstream/README.md"));
    String table =
        readme.substring(
            readme.indexOf("<!-- BEGIN RBAC -->"), readme.indexOf("<!-- END RBAC -->"));
    List<Grant> grants = new ArrayList<>();
    List<String> rows = table.lines().filter(l -> l.startsWith("| ")).skip(1).toList();
    assertThat(rows).hasSizeGreaterThan(5);
    for (String row : rows) {
      List<String> cells = Arrays.stream(row.split("\\|")).map(String::strip).skip(1).toList();
      String account = cells.get(0);
      String grantedBy = cells.get(1);
      String verbs = cells.get(4);
      if (verbs.equals("none")) {
        continue;
      }
      Set<String> verbSet = new TreeSet<>(Arrays.asList(verbs.split(",\\s*")));
      List<String> scopes;
      if (grantedBy.startsWith("Role in the release's namespace")) {
        scopes = List.of(OpstreamChart.NAMESPACE);
      } else if (account.equals("watcher") && !watcherNamespaces.isEmpty()) {
        scopes = watcherNamespaces;
      } else {
        scopes = List.of("cluster");
      }
      for (String scope : scopes) {
        grants.add(new Grant(account, scope, cells.get(2), cells.get(3), verbSet));
      }
    }
    return grants;
  }
}
