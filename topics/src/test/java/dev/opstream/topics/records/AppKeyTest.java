package dev.opstream.topics.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppKeyTest {

  @Test
  void parsesAndFormatsClusterNamespaceName() {
    AppKey key = AppKey.parse("prod-eu/shop/cart.v2");

    assertThat(key).isEqualTo(new AppKey("prod-eu", "shop", "cart.v2"));
    assertThat(key.toString()).isEqualTo("prod-eu/shop/cart.v2");
    assertThat(AppKey.parse(key.toString())).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a/b",
        "a/b/c/d",
        "a//c",
        "/b/c",
        "a/b/",
        "Prod/shop/cart",
        "a/shop_1/cart",
        "a/b/-cart",
        "a/b/cart-",
        "a/b/ca rt"
      })
  void rejectsTextThatIsNotAnAppKey(String text) {
    assertThatThrownBy(() -> AppKey.parse(text))
        .isInstanceOf(RecordValidationException.class)
        .hasMessageContaining("'");
  }

  @ParameterizedTest
  @CsvSource({
    "Prod/shop/cart, cluster",
    "prod/Shop/cart, namespace",
    "prod/shop/Cart, name",
    "prod/shop, cluster/namespace/name"
  })
  void errorNamesThePartThatIsWrong(String text, String part) {
    assertThatThrownBy(() -> AppKey.parse(text)).hasMessageContaining(part);
  }

  @Test
  void rejectsOverlongParts() {
    String label64 = "a".repeat(64);
    assertThatThrownBy(() -> new AppKey(label64, "ns", "n")).hasMessageContaining("63");
    assertThatThrownBy(() -> new AppKey("c", label64, "n")).hasMessageContaining("63");
    assertThat(new AppKey("c", "ns", "a".repeat(63) + "." + "b".repeat(63)).name()).hasSize(127);
    assertThatThrownBy(() -> new AppKey("c", "ns", "a".repeat(254))).hasMessageContaining("253");
  }

  @Test
  void rejectsNullText() {
    assertThatThrownBy(() -> AppKey.parse(null))
        .isInstanceOf(RecordValidationException.class)
        .satisfies(
            e ->
                assertThat(((RecordValidationException) e).problem())
                    .isEqualTo(RecordValidationException.Problem.MISSING_FIELD));
  }
}
