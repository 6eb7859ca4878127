package dev.ideaforge.api.limits;

import dev.ideaforge.api.web.ApiException;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Token buckets in Redis (bucket4j), so a limit holds across every api-server. Keys name the limit
 * and a hash of the subject (an address, an account, a user id): no email address sits in Redis.
 *
 * <p>When Redis cannot be reached the request goes through (logged and counted): these limits
 * protect budgets and against floods, and the readiness probe takes an api-server without Redis out
 * of rotation anyway. Password hashing stays bounded by {@code BoundedPasswordEncoder}.
 */
@Component
public class RateLimits implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

  private final LimitSettings settings;
  private final Map<Limit, BucketConfiguration> configurations = new EnumMap<>(Limit.class);
  private final RedisConnectionFactory redis;

  /** Connected on first use, so an api-server starts while Redis is away (limits skipped). */
  private StatefulRedisConnection<String, byte[]> connection;

  private volatile ProxyManager<String> buckets;

  private final Counter unavailable;

  RateLimits(LimitSettings settings, RedisConnectionFactory redis, MeterRegistry meters) {
    this.settings = settings;
    for (Limit limit : Limit.values()) {
      Quota quota = limit.quotaIn(settings);
      if (!quota.isOff()) {
        configurations.put(
            limit,
            BucketConfiguration.builder()
                .addLimit(
                    bandwidth ->
                        bandwidth
                            .capacity(quota.count())
                            .refillGreedy(quota.count(), quota.period()))
                .build());
      }
    }
    this.redis = redis;
    this.unavailable = meters.counter("ideaforge.limits.unavailable");
  }

  /** Spends one of the subject's budget, or refuses with 429 and when to retry. */
  public void spend(Limit limit, String subject) {
    if (!configurations.containsKey(limit)) {
      return;
    }
    ConsumptionProbe probe;
    try {
      probe = bucket(limit, subject).tryConsumeAndReturnRemaining(1);
    } catch (RuntimeException e) {
      skipped(limit, e);
      return;
    }
    if (!probe.isConsumed()) {
      throw refused(limit, probe.getNanosToWaitForRefill());
    }
  }

  /** Returns one to the subject's budget (what was spent turned out to be free). */
  public void giveBack(Limit limit, String subject) {
    if (!configurations.containsKey(limit)) {
      return;
    }
    try {
      bucket(limit, subject).addTokens(1);
    } catch (RuntimeException e) {
      skipped(limit, e);
    }
  }

  /**
   * The bucket store: a Redis connection of its own, from the client Spring Boot configured (URL,
   * password, TLS). Lettuce reconnects it after an outage.
   */
  private ProxyManager<String> buckets() {
    ProxyManager<String> ready = buckets;
    if (ready != null) {
      return ready;
    }
    synchronized (this) {
      if (buckets != null) {
        return buckets;
      }
      RedisClient client =
          (RedisClient) ((LettuceConnectionFactory) redis).getRequiredNativeClient();
      connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
      buckets =
          Bucket4jLettuce.casBasedBuilder(connection)
              .expirationAfterWrite(
                  ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                      Duration.ofSeconds(10)))
              .requestTimeout(Duration.ofSeconds(2))
              .build();
      return buckets;
    }
  }

  private BucketProxy bucket(Limit limit, String subject) {
    BucketConfiguration configuration = configurations.get(limit);
    String key =
        settings.keyPrefix()
            + limit.name().toLowerCase(Locale.ROOT)
            + ":"
            + digest(subject.toLowerCase(Locale.ROOT));
    // Batching: concurrent requests on one bucket in this process share one round trip, instead
    // of racing each other's compare-and-swap in Redis (a login flood hits one account's bucket).
    return buckets()
        .builder()
        .withOptimization(Optimizations.batching())
        .build(key, () -> configuration);
  }

  private ApiException refused(Limit limit, long nanosToWait) {
    Duration wait = Duration.ofNanos(Math.max(nanosToWait, 1));
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    Quota quota = limit.quotaIn(settings);
    return ApiException.tooManyRequests(
        limit.reached()
            + " The limit is "
            + quota
            + "; try again in "
            + seconds
            + (seconds == 1 ? " second." : " seconds."),
        wait);
  }

  private void skipped(Limit limit, RuntimeException e) {
    unavailable.increment();
    log.warn("Rate limit {} not checked, Redis is unavailable: {}", limit, e.getMessage());
  }

  private static String digest(String subject) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void destroy() {
    if (connection != null) {
      connection.close();
    }
  }
}
