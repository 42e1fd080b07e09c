package dev.opstream.backup.testing;

import static dev.opstream.backup.testing.TestRedis.bytes;

import io.lettuce.core.Consumer;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Every Redis type in its small and large encodings, binary keys and values, keys with and without
 * a time to live, in databases 0, 3 and 15.
 */
public final class SampleData {

  public static final int[] DATABASES = {0, 3, 15};

  private SampleData() {}

  /** Fills {@code redis}; returns the number of keys written. */
  @SuppressWarnings("unchecked") // xreadgroup's varargs of a generic type
  public static long fill(TestRedis redis) {
    Random random = new Random(42);
    RedisCommands<byte[], byte[]> r = redis.sync();
    long keys = 0;
    for (int db : DATABASES) {
      r.select(db);
      String p = "db" + db + ":";
      r.set(bytes(p + "string"), bytes("hello " + db));
      r.set(bytes(p + "int"), bytes("12345"));
      byte[] large = new byte[100_000];
      random.nextBytes(large);
      r.set(bytes(p + "large"), large);
      byte[] binaryKey = new byte[256];
      for (int i = 0; i < binaryKey.length; i++) {
        binaryKey[i] = (byte) i;
      }
      binaryKey[0] = (byte) db;
      r.set(binaryKey, binaryKey);
      r.hset(bytes(p + "hash:small"), Map.of(bytes("a"), bytes("1"), bytes("b"), bytes("2")));
      Map<byte[], byte[]> fields = new LinkedHashMap<>();
      for (int i = 0; i < 1000; i++) {
        fields.put(bytes("field" + i), bytes("value" + random.nextInt()));
      }
      r.hset(bytes(p + "hash:large"), fields);
      r.rpush(bytes(p + "list:small"), bytes("x"), bytes("y"), bytes("z"));
      for (int i = 0; i < 5000; i += 100) {
        byte[][] items = new byte[100][];
        for (int j = 0; j < 100; j++) {
          items[j] = bytes("item" + (i + j));
        }
        r.rpush(bytes(p + "list:large"), items);
      }
      r.sadd(bytes(p + "set:ints"), bytes("1"), bytes("2"), bytes("3"));
      r.sadd(bytes(p + "set:small"), bytes("red"), bytes("green"));
      for (int i = 0; i < 600; i++) {
        r.sadd(bytes(p + "set:large"), bytes("member" + i));
      }
      r.zadd(bytes(p + "zset:small"), 1.5, bytes("one"));
      r.zadd(bytes(p + "zset:small"), 2.5, bytes("two"));
      for (int i = 0; i < 300; i++) {
        r.zadd(bytes(p + "zset:large"), random.nextDouble(), bytes("m" + i));
      }
      byte[] stream = bytes(p + "stream");
      for (int i = 0; i < 50; i++) {
        r.xadd(stream, Map.of(bytes("n"), bytes(Integer.toString(i))));
      }
      r.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), bytes("workers"));
      r.xreadgroup(
          Consumer.from(bytes("workers"), bytes("w1")),
          XReadArgs.Builder.count(10),
          XReadArgs.StreamOffset.lastConsumed(stream));
      r.pfadd(bytes(p + "hll"), bytes("a"), bytes("b"), bytes("c"));
      r.setbit(bytes(p + "bitmap"), 1000, 1);
      r.geoadd(bytes(p + "geo"), 13.361389, 38.115556, bytes("Palermo"));
      keys += 17;
      long inAnHour = Instant.now().plusSeconds(3600).toEpochMilli();
      for (int i = 0; i < 10; i++) {
        r.set(bytes(p + "ttl:" + i), bytes("expires"));
        r.pexpireat(bytes(p + "ttl:" + i), inAnHour + i * 1_000L);
      }
      r.hset(bytes(p + "ttl:hash"), Map.of(bytes("f"), bytes("v")));
      r.pexpireat(bytes(p + "ttl:hash"), inAnHour + 12_345);
      keys += 11;
    }
    r.select(0);
    return keys;
  }
}
