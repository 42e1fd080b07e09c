package dev.opstream.actuator.cronjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackupCommandTest {

  @Test
  void readsBackTheCommandItBuilds() {
    BackupCommand command = new BackupCommand("cart-redis", "shop", "my-bucket", 14);

    assertThat(command.redisUrl()).isEqualTo("redis://cart-redis.shop.svc:6379");
    assertThat(BackupCommand.parse(command.argv(), "shop")).contains(command);
  }

  @Test
  void anotherCommandIsNotABackupCommand() {
    assertThat(BackupCommand.parse(List.of("sh", "-c", "redis-cli save"), "shop")).isEmpty();
    assertThat(
            BackupCommand.parse(
                List.of(
                    "opstream",
                    "backup",
                    "run",
                    "--redis",
                    "redis://x.other.svc:6379",
                    "--bucket",
                    "b",
                    "--keep",
                    "1"),
                "shop"))
        .isEmpty();
    assertThat(
            BackupCommand.parse(
                List.of(
                    "opstream",
                    "backup",
                    "run",
                    "--redis",
                    "redis://x.shop.svc:6379",
                    "--bucket",
                    "b",
                    "--keep",
                    "seven"),
                "shop"))
        .isEmpty();
    assertThat(BackupCommand.parse(null, "shop")).isEmpty();
  }
}
