package dev.opstream.backup.testing;

import dev.opstream.localstack.redis.RedisServer;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** A test's own connection to a {@link RedisServer}, for filling it and comparing it. */
public final class TestRedis implements AutoCloseable {

  private final RedisClient client;
  private final StatefulRedisConnection<byte[], byte[]> connection;

  private TestRedis(RedisClient client, StatefulRedisConnection<byte[], byte[]> connection) {
    this.client = client;
    this.connection = connection;
  }

  public static TestRedis connect(RedisServer server) {
    RedisURI.Builder uri =
        RedisURI.builder()
            .withHost(server.host())
            .withPort(server.port())
            .withTimeout(Duration.ofSeconds(60));
    server.password().ifPresent(uri::withPassword);
    RedisClient client = RedisClient.create(uri.build());
    return new TestRedis(client, client.connect(ByteArrayCodec.INSTANCE));
  }

  public RedisCommands<byte[], byte[]> sync() {
    return connection.sync();
  }

  /** Any command, e.g. {@code DEBUG DIGEST}, {@code ACL SETUSER ...}; its status or bulk reply. */
  public String command(String name, String... args) {
    CommandArgs<byte[], byte[]> commandArgs = new CommandArgs<>(ByteArrayCodec.INSTANCE);
    for (String arg : args) {
      commandArgs.add(arg);
    }
    ProtocolKeyword keyword = CommandType.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    return connection
        .sync()
        .dispatch(keyword, new StatusOutput<>(ByteArrayCodec.INSTANCE), commandArgs);
  }

  /** {@code DEBUG DIGEST}: equal digests mean equal data sets (values and which keys expire). */
  public String digest() {
    return command("DEBUG", "DIGEST");
  }

  /** Per database, every key (hex) with its {@code PEXPIRETIME}. */
  public Map<String, Long> expiries() {
    Map<String, Long> expiries = new TreeMap<>();
    for (int db = 0; db < 16; db++) {
      sync().select(db);
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<byte[]> page = sync().scan(cursor, ScanArgs.Builder.limit(1000));
        for (byte[] key : page.getKeys()) {
          expiries.put(db + ":" + HexFormat.of().formatHex(key), sync().pexpiretime(key));
        }
        cursor = page;
      } while (!cursor.isFinished());
    }
    sync().select(0);
    return expiries;
  }

  /** Keys per database, from {@code DBSIZE}. */
  public Map<Integer, Long> sizes() {
    Map<Integer, Long> sizes = new TreeMap<>();
    for (int db = 0; db < 16; db++) {
      sync().select(db);
      long size = sync().dbsize();
      if (size > 0) {
        sizes.put(db, size);
      }
    }
    sync().select(0);
    return sizes;
  }

  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
