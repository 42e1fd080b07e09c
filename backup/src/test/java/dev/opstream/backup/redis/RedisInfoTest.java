package dev.opstream.backup.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisInfoTest {

  @Test
  void readsTheVersionAndKeysPerDatabase() {
    RedisInfo info =
        RedisInfo.parse(
            "# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n\r\n# Keyspace\r\n"
                + "db0:keys=12,expires=3,avg_ttl=0\r\ndb15:keys=1,expires=0,avg_ttl=0\r\n");

    assertThat(info.version()).isEqualTo("7.0.15");
    assertThat(info.keyspace()).isEqualTo(Map.of(0, 12L, 15, 1L));
    assertThat(info.keyspace().keySet()).containsExactly(0, 15);
    assertThat(info.totalKeys()).isEqualTo(13);
  }

  @Test
  void anEmptyReplyHasNoKeysAndAnUnknownVersion() {
    RedisInfo info = RedisInfo.parse("");

    assertThat(info.version()).isEqualTo("unknown");
    assertThat(info.keyspace()).isEmpty();
  }
}
