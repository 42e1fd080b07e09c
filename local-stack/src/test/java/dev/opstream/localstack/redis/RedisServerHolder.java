package dev.opstream.localstack.redis;

import java.nio.file.Path;

/**
 * A separate JVM for {@link RedisServerIT}: starts a server in the directory given as argument,
 * prints {@code pid=<redis-server pid>} and waits to be killed.
 */
public final class RedisServerHolder {

  private RedisServerHolder() {}

  public static void main(String[] args) throws InterruptedException {
    RedisServer server = RedisServer.start(Path.of(args[0]));
    System.out.println("pid=" + server.pid());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
