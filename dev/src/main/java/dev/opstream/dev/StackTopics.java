package dev.opstream.dev;

import dev.opstream.topics.CatalogueConfig;
import dev.opstream.topics.TopicCatalogue;
import dev.opstream.topics.admin.TopicAdmin;
import dev.opstream.topics.admin.TopicReport;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates opstream's topics on the local stack's one-broker cluster. */
public final class StackTopics {

  private static final Logger LOG = LoggerFactory.getLogger(StackTopics.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private StackTopics() {}

  public static TopicReport create(String bootstrapServers) {
    TopicCatalogue catalogue = TopicCatalogue.of(CatalogueConfig.local());
    try (Admin admin =
        Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      TopicReport report = new TopicAdmin(admin, TIMEOUT).create(catalogue);
      LOG.info("Topics: {}", report.counts());
      return report;
    }
  }
}
