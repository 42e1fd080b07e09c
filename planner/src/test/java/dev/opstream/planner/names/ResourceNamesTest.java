package dev.opstream.planner.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-computed names pin the rules (the hash of any example can be recomputed with {@code printf
 * '<len>:<part>...' | sha256sum | cut -d' ' -f1 | xxd -r -p | base32 | tr A-Z a-z | cut -c1-10}),
 * and seeded random inputs check validity, determinism and the absence of collisions.
 */
class ResourceNamesTest {

  private static final long SEED = Long.getLong("opstream.fuzz.seed", 20261122L);
  private static final int RUNS = 20_000;

  @Test
  void simpleAppGetsPlainNames() {
    assertThat(ResourceNames.forApp("opstream", "prod", "shop", "cart"))
        .isEqualTo(
            new ResourceNames(
                "opstream-prod-shop-cart", "cart-redis", "cart-redis-auth", "cart-redis-backup"));
  }

  @ParameterizedTest(name = "{0}/{1}/{2}/{3} -> {4}")
  @CsvSource({
    // plain: hyphen-separated words in the prefix are fine
    "acme-opstream, prod, shop, cart, acme-opstream-prod-shop-cart",
    // hyphens inside cluster, namespace or name are ambiguous: hashed
    "opstream, prod, kube-system, my-app, opstream-prod-kube-system-my-app--azqhlv4dm7",
    "opstream, prod, default, my-app, opstream-prod-default-my-app--a34kmjkixw",
    // the two readings of opstream-staging-a-shop-cart stay apart
    "opstream, staging-a, shop, cart, opstream-staging-a-shop-cart--bpg7bouckl",
    "opstream, staging, a-shop, cart, opstream-staging-a-shop-cart--vaxssscimb",
    // upper case is lost in sanitizing, so Prod is not prod
    "opstream, Prod, default, cart, opstream-prod-default-cart--xleb6mh4ci",
    "opstream, zürich, default, cart, opstream-z-rich-default-cart--2pubhof2en",
    // too long: cut to 51 characters, then the hash
    "opstream, production-europe-west-1, payments-and-billing-platform, reconciliation-worker,"
        + " opstream-production-europe-west-1-payments-and-bill--h7rxa5b2cm",
    // a reserved S3 prefix gets b- in front
    "sthree, prod, shop, cart, b-sthree-prod-shop-cart--nxre7l3ay7",
    "xn, '', '', '', b-xn--yvqq7hxccw",
    // a reserved S3 suffix is avoided by the hash
    "opstream, prod, shop, s3alias, opstream-prod-shop-s3alias--thcyxsgwnb"
  })
  void bucketNames(String prefix, String cluster, String namespace, String name, String bucket) {
    assertThat(ResourceNames.bucket(prefix, cluster, namespace, name)).isEqualTo(bucket);
  }

  @Test
  void xnExampleIsReallyTheReservedCase() {
    assertThat(NameRules.s3BucketViolations("xn--yvqq7hxccw")).isNotEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "cart, cart",
    "abcdefghijklmnopqrstuvwxyz0123456789abc, abcdefghijklmnopqrstuvwxyz0123456789abc",
    "abcdefghijklmnopqrstuvwxyz0123456789abcd, abcdefghijklmnopqrstuvwxyz0--h7rx7ut55v",
    "payments-reconciliation-worker-for-europe-west, payments-reconciliation-wor--wagmiw4mzc",
    "my.app, my-app--n2265yhkvc",
    "1app, app-1app--hp53z23g7t",
    "'', app--xj3iwmy73b"
  })
  void kubernetesNamesShareOneStem(String name, String stem) {
    ResourceNames names = ResourceNames.forApp("opstream", "prod", "shop", name);

    assertThat(names.helmRelease()).isEqualTo(stem + "-redis");
    assertThat(names.redisSecret()).isEqualTo(stem + "-redis-auth");
    assertThat(names.backupCronJob()).isEqualTo(stem + "-redis-backup");
  }

  @Test
  void longestPlainNameFillsTheCronJobLimitExactly() {
    String name = "a".repeat(ResourceNames.STEM_MAX_LENGTH);

    assertThat(ResourceNames.forApp("p", "c", "n", name).backupCronJob())
        .hasSize(ResourceNames.CRONJOB_MAX_LENGTH)
        .startsWith(name);
  }

  @Test
  void theIndependentRulesRejectWhatTheyShould() {
    assertThat(NameRules.s3BucketViolations("ab")).isNotEmpty();
    assertThat(NameRules.s3BucketViolations("a".repeat(64))).isNotEmpty();
    assertThat(NameRules.s3BucketViolations("Abc")).isNotEmpty();
    assertThat(NameRules.s3BucketViolations("-abc")).isNotEmpty();
    assertThat(NameRules.s3BucketViolations("a..b")).isNotEmpty();
    assertThat(NameRules.s3BucketViolations("192.168.5.4")).isNotEmpty();
    assertThat(NameRules.s3BucketViolations("sthree-x")).isNotEmpty();
    assertThat(NameRules.s3BucketViolations("amzn-s3-demo-x")).isNotEmpty();
    assertThat(NameRules.s3BucketViolations("x--table-s3")).isNotEmpty();
    assertThat(NameRules.s3BucketViolations("x.mrap")).isNotEmpty();
    assertThat(NameRules.s3BucketViolations("my.bucket-1")).isEmpty();
    assertThat(NameRules.dns1035LabelViolations("1app", 63)).isNotEmpty();
    assertThat(NameRules.dns1035LabelViolations("app-", 63)).isNotEmpty();
    assertThat(NameRules.dns1035LabelViolations("a".repeat(53), 52)).isNotEmpty();
    assertThat(NameRules.helmReleaseViolations("a".repeat(54))).isNotEmpty();
    assertThat(NameRules.helmReleaseViolations("my_app")).isNotEmpty();
  }

  @Test
  void randomInputsAlwaysGiveValidNames() {
    Random random = new Random(SEED);
    for (int run = 0; run < RUNS; run++) {
      String[] app = randomApp(random);
      ResourceNames names = ResourceNames.forApp(app[0], app[1], app[2], app[3]);
      String context = "seed " + SEED + ", run " + run + ", input " + List.of(app);

      assertThat(NameRules.s3BucketViolations(names.bucket())).as(context).isEmpty();
      assertThat(NameRules.helmReleaseViolations(names.helmRelease())).as(context).isEmpty();
      assertThat(NameRules.dns1035LabelViolations(names.helmRelease(), 53)).as(context).isEmpty();
      assertThat(NameRules.dns1035LabelViolations(names.redisSecret(), 63)).as(context).isEmpty();
      assertThat(NameRules.dns1035LabelViolations(names.backupCronJob(), 52)).as(context).isEmpty();
      assertThat(names.helmRelease()).as(context).endsWith("-redis");
      assertThat(names.redisSecret()).as(context).endsWith("-redis-auth");
      assertThat(names.backupCronJob()).as(context).endsWith("-redis-backup");
      assertThat(ResourceNames.forApp(app[0], app[1], app[2], app[3])).as(context).isEqualTo(names);
    }
  }

  @Test
  void noTwoAppsShareABucketAcrossClustersAndNamespaces() {
    Random random = new Random(SEED);
    Map<String, List<String>> owners = new HashMap<>();
    int plain = 0;
    for (int run = 0; run < RUNS; run++) {
      String[] app = randomApp(random);
      plain += claim(owners, app) ? 1 : 0;
      // The same words split differently between cluster, namespace and name.
      String joined = String.join("-", app[1], app[2], app[3]);
      String[] words = joined.split("-", -1);
      if (words.length >= 3) {
        int first = 1 + random.nextInt(words.length - 2);
        int second = first + 1 + random.nextInt(words.length - first - 1);
        claim(
            owners,
            new String[] {
              app[0],
              String.join("-", List.of(words).subList(0, first)),
              String.join("-", List.of(words).subList(first, second)),
              String.join("-", List.of(words).subList(second, words.length))
            });
      }
    }
    assertThat(plain).as("plain names exercised").isGreaterThan(RUNS / 20);
  }

  @Test
  void noTwoDeploymentsInANamespaceShareKubernetesNames() {
    Random random = new Random(SEED);
    Map<String, String> ownerOfRelease = new HashMap<>();
    Set<String> hashed = new HashSet<>();
    for (int run = 0; run < RUNS; run++) {
      String name = randomApp(random)[3];
      String release = ResourceNames.forApp("p", "c", "n", name).helmRelease();
      String previous = ownerOfRelease.putIfAbsent(release, name);
      assertThat(previous == null || previous.equals(name))
          .as("seed %d: %s and %s both get %s", SEED, previous, name, release)
          .isTrue();
      if (release.contains("--")) {
        hashed.add(release);
      }
    }
    assertThat(hashed).as("hashed names exercised").hasSizeGreaterThan(RUNS / 20);
  }

  /** Records the bucket's owner; fails on a second owner; returns whether the name was plain. */
  private static boolean claim(Map<String, List<String>> owners, String[] app) {
    String bucket = ResourceNames.bucket(app[0], app[1], app[2], app[3]);
    List<String> owner = List.of(app);
    List<String> previous = owners.putIfAbsent(bucket, owner);
    assertThat(previous == null || previous.equals(owner))
        .as("seed %d: %s and %s both get %s", SEED, previous, owner, bucket)
        .isTrue();
    boolean isPlain = !bucket.contains("--");
    assertThat(isPlain)
        .as("plain exactly when the parts are plain: %s -> %s", owner, bucket)
        .isEqualTo(bucket.equals(String.join("-", app)));
    return isPlain;
  }

  private static final String[] PREFIXES = {"opstream", "acme-backups", "sthree", "xn", "Ops!"};
  private static final String[] CLUSTERS = {"prod", "staging", "eu-west-1", "Prod", "c"};
  private static final String WORD_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String ODD_CHARS = "-.-.ABZ_/ é\u0000\ud800";

  /** Prefix, cluster, namespace and name, mostly Kubernetes-like, sometimes anything at all. */
  private static String[] randomApp(Random random) {
    String prefix = PREFIXES[random.nextInt(PREFIXES.length)];
    String cluster =
        random.nextInt(4) == 0 ? randomPart(random, 30) : CLUSTERS[random.nextInt(CLUSTERS.length)];
    return new String[] {prefix, cluster, randomPart(random, 63), randomPart(random, 253)};
  }

  private static String randomPart(Random random, int maxLength) {
    int shape = random.nextInt(10);
    int length = shape < 6 ? 1 + random.nextInt(12) : shape < 9 ? 1 + random.nextInt(maxLength) : 0;
    List<Character> chars = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      boolean odd = shape >= 3 && random.nextInt(6) == 0;
      String from = odd ? ODD_CHARS : WORD_CHARS;
      chars.add(from.charAt(random.nextInt(from.length())));
    }
    StringBuilder out = new StringBuilder();
    chars.forEach(out::append);
    return out.toString();
  }
}
