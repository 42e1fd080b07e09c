package dev.opstream.actuator.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstream.actuator.runner.ActuatorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RedisNamesTest {

  @Test
  void acceptsThePlannersNames() {
    assertThat(RedisNames.release("cart-redis")).isEqualTo("cart-redis");
    assertThat(RedisNames.release("a".repeat(47) + "-redis")).hasSize(53);
    assertThat(RedisNames.secret("cart-redis-auth")).isEqualTo("cart-redis-auth");
    assertThat(RedisNames.secretOf("cart-redis")).isEqualTo("cart-redis-auth");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Cart-redis", "1cart-redis", "cart.redis", "cart-redis-", "cart_redis"})
  void refusesReleaseNamesHelmOrAServiceCannotHave(String release) {
    assertThatThrownBy(() -> RedisNames.release(release))
        .isInstanceOfSatisfying(
            ActuatorException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ActuatorException.Reason.PERMANENT);
              assertThat(e.getMessage()).contains("is not a valid Helm release name");
            });
  }

  @Test
  void refusesReleaseNamesLongerThanHelmAllows() {
    assertThatThrownBy(() -> RedisNames.release("a".repeat(54)))
        .isInstanceOf(ActuatorException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Cart-auth", "cart_auth", "-cart", "cart..auth"})
  void refusesInvalidSecretNames(String secret) {
    assertThatThrownBy(() -> RedisNames.secret(secret))
        .isInstanceOf(ActuatorException.class)
        .hasMessageContaining("is not a valid Secret name");
  }
}
