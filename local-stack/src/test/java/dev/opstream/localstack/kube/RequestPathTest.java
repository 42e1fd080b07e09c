package dev.opstream.localstack.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestPathTest {

  @Test
  void parsesNamespacedObjectPathsOfNamedGroups() {
    RequestPath path =
        RequestPath.parse(
            "/apis/apps/v1/namespaces/shop/deployments/web/status?fieldManager=kubectl&watch=1");
    RequestPath.ResourceRef ref = path.resource().orElseThrow();

    assertThat(ref)
        .isEqualTo(
            new RequestPath.ResourceRef("apps", "v1", "shop", "deployments", "web", "status"));
    assertThat(ref.collectionPath()).isEqualTo("/apis/apps/v1/namespaces/shop/deployments");
    assertThat(ref.objectPath()).isEqualTo("/apis/apps/v1/namespaces/shop/deployments/web");
    assertThat(path.param("fieldManager")).contains("kubectl");
    assertThat(path.isWatch()).isTrue();
  }

  @Test
  void parsesCoreCollectionsAndNamespacesThemselves() {
    assertThat(RequestPath.parse("/api/v1/secrets?labelSelector=owner%3Dhelm").resource())
        .contains(new RequestPath.ResourceRef("", "v1", null, "secrets", null, null));
    assertThat(RequestPath.parse("/api/v1/namespaces/shop").resource())
        .contains(new RequestPath.ResourceRef("", "v1", null, "namespaces", "shop", null));
    assertThat(RequestPath.parse("/api/v1/namespaces/shop/finalize").resource())
        .contains(new RequestPath.ResourceRef("", "v1", null, "namespaces", "shop", "finalize"));
    assertThat(RequestPath.parse("/api/v1/secrets?labelSelector=owner%3Dhelm").query())
        .containsEntry("labelSelector", "owner=helm");
  }

  @Test
  void leavesDiscoveryAndOtherPathsWithoutResource() {
    assertThat(RequestPath.parse("/api/v1").resource()).isEmpty();
    assertThat(RequestPath.parse("/apis/apps/v1").resource()).isEmpty();
    assertThat(RequestPath.parse("/openapi/v2").resource()).isEmpty();
  }
}
