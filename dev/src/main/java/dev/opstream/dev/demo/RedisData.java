package dev.opstream.dev.demo;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Writes the demo's data set into a Redis server and fingerprints a server's whole data set. */
final class RedisData implements AutoCloseable {

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;

  RedisData(String host, int port, String password) {
    RedisURI.Builder uri =
        RedisURI.builder().withHost(host).withPort(port).withTimeout(Duration.ofSeconds(10));
    if (password != null) {
      uri.withPassword(password.toCharArray());
    }
    client = RedisClient.create(uri.build());
    connection = client.connect();
  }

  /** Writes {@code keys} strings, a hash, a list, a set and a key with a time to live. */
  void writeSample(String app, int keys) {
    RedisCommands<String, String> redis = connection.sync();
    Map<String, String> strings = new HashMap<>();
    for (int i = 0; i < keys; i++) {
      strings.put(app + ":item:" + i, "value-" + i + "-of-" + app);
    }
    redis.mset(strings);
    redis.hset(app + ":profile", Map.of("owner", app, "tier", "gold", "visits", "42"));
    redis.rpush(app + ":events", "created", "annotated", "backed-up");
    redis.sadd(app + ":tags", "demo", "opstream", "redis");
    redis.setex(app + ":session", 3600, "expires in an hour");
  }

  long size() {
    return connection.sync().dbsize();
  }

  /** {@code DEBUG DIGEST}: equal for two servers exactly when their data sets are equal. */
  String digest() {
    return connection
        .sync()
        .dispatch(
            CommandType.DEBUG,
            new StatusOutput<>(StringCodec.UTF8),
            new CommandArgs<>(StringCodec.UTF8).add("DIGEST"));
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
