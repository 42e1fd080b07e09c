package dev.opstream.backup.redis;

import dev.opstream.backup.BackupException;
import dev.opstream.backup.ExitCode;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One lettuce connection (binary keys and values, no auto-reconnect) with manual flushing: commands
 * are queued, then sent together by {@link #flush()}, which is what makes DUMP and RESTORE fast.
 */
public final class RedisSession implements AutoCloseable {

  private final RedisTarget target;
  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<byte[], byte[]> connection;

  private RedisSession(
      RedisTarget target,
      ClientResources resources,
      RedisClient client,
      StatefulRedisConnection<byte[], byte[]> connection) {
    this.target = target;
    this.resources = resources;
    this.client = client;
    this.connection = connection;
  }

  /**
   * Connects and authenticates.
   *
   * @throws dev.opstream.backup.BackupException REDIS_UNREACHABLE, REDIS_AUTH_FAILED, ...
   */
  public static RedisSession connect(RedisTarget target) {
    ClientResources resources =
        DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
    RedisURI.Builder uri =
        RedisURI.builder()
            .withHost(target.host())
            .withPort(target.port())
            .withSsl(target.tls())
            .withTimeout(target.timeout());
    if (target.password().isPresent()) {
      if (target.username().isPresent()) {
        uri.withAuthentication(target.username().get(), target.password().get());
      } else {
        uri.withPassword(target.password().get());
      }
    }
    RedisClient client = RedisClient.create(resources, uri.build());
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(false)
            .protocolVersion(ProtocolVersion.RESP2)
            .socketOptions(SocketOptions.builder().connectTimeout(target.timeout()).build())
            // No timer per command (a million DUMPs would schedule a million): every wait below
            // has its own timeout instead.
            .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
            .build());
    try {
      StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
      connection.setAutoFlushCommands(false);
      return new RedisSession(target, resources, client, connection);
    } catch (RuntimeException e) {
      shutdown(client, resources);
      BackupException failure = RedisErrors.translate(e, target, "connect");
      throw failure.exitCode() == ExitCode.REDIS_UNREACHABLE
          ? credentialsFailure(target).orElse(failure)
          : failure;
    }
  }

  /**
   * Lettuce now and then reports refused credentials as "Connection closed prematurely": its
   * handshake closes the channel before it hands over Redis's error reply. Asking again over a
   * plain socket tells a wrong or missing password ({@code REDIS_AUTH_FAILED}) from a Redis that
   * really cannot be reached.
   */
  private static Optional<BackupException> credentialsFailure(RedisTarget target) {
    try (RespSocket probe = RespSocket.connect(target)) {
      probe.call("PING");
      return Optional.empty();
    } catch (IOException e) {
      BackupException failure = RedisErrors.translate(e, target, "connect");
      return failure.exitCode() == ExitCode.REDIS_AUTH_FAILED
          ? Optional.of(failure)
          : Optional.empty();
    }
  }

  public RedisTarget target() {
    return target;
  }

  /** Queue commands here; nothing is sent before {@link #flush()}. */
  public RedisAsyncCommands<byte[], byte[]> async() {
    return connection.async();
  }

  /** Sends every queued command. */
  public void flush() {
    connection.flushCommands();
  }

  /**
   * Flushes, then waits for one reply.
   *
   * @param doing what the command does, for the error message
   */
  public <T> T await(RedisFuture<T> future, String doing) {
    flush();
    return result(future, doing);
  }

  /**
   * Waits for one reply of a command already sent (no flush).
   *
   * @param doing what the command does, for the error message
   */
  public <T> T result(RedisFuture<T> future, String doing) {
    try {
      return future.get(target.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RedisErrors.translate(e, target, doing);
    } catch (ExecutionException e) {
      throw RedisErrors.translate(e.getCause(), target, doing);
    } catch (TimeoutException e) {
      throw RedisErrors.translate(e, target, doing + " (no reply in " + target.timeout() + ")");
    }
  }

  /** Flushes, then waits for every reply; the first failure is thrown. */
  public void awaitAll(List<? extends RedisFuture<?>> futures, String doing) {
    flush();
    try {
      if (!LettuceFutures.awaitAll(target.timeout(), futures.toArray(new RedisFuture<?>[0]))) {
        throw RedisErrors.translate(
            new TimeoutException("no reply in " + target.timeout()), target, doing);
      }
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() instanceof ExecutionException ee ? ee.getCause() : e;
      throw RedisErrors.translate(cause == null ? e : cause, target, doing);
    }
  }

  /** {@code INFO section}. */
  public RedisInfo info(String section) {
    return RedisInfo.parse(await(async().info(section), "INFO " + section));
  }

  @Override
  public void close() {
    try {
      connection.close();
    } finally {
      shutdown(client, resources);
    }
  }

  private static void shutdown(RedisClient client, ClientResources resources) {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }
}
