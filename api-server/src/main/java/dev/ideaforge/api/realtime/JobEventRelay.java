package dev.ideaforge.api.realtime;

import dev.ideaforge.api.auth.AccessTokenDenyList;
import dev.ideaforge.model.events.JobEventChannels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * One pattern subscription per api-server to every job's channel, waking the local sockets of the
 * job, which read the event log. The container re-subscribes after Redis comes back; what was
 * published meanwhile is lost on Redis, and the sockets get it from the event log (gap fill and the
 * catch-up sweep).
 */
@Configuration(proxyBeanMethods = false)
class JobEventRelay {

  private static final Logger log = LoggerFactory.getLogger(JobEventRelay.class);

  @Bean
  RedisMessageListenerContainer jobEventListener(
      RedisConnectionFactory redis, JobSockets sockets, MeterRegistry meters) {
    Counter relayed = meters.counter("ideaforge.events.relayed");
    Counter malformed = meters.counter("ideaforge.events.malformed-wakeups");
    // A message is a wake-up: the channel names the job, the body its newest seq. What sockets
    // send is read from the event log, so a forged message can reach no client.
    MessageListener listener =
        (Message message, byte[] pattern) -> {
          String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
          UUID jobId = JobEventChannels.jobIdOf(channel).orElse(null);
          Long seq =
              JobEventChannels.seqOf(new String(message.getBody(), StandardCharsets.UTF_8).strip())
                  .orElse(null);
          if (jobId == null || seq == null) {
            malformed.increment();
            log.debug("Ignoring a malformed wake-up on {}", channel);
            return;
          }
          sockets.wake(jobId, seq);
          relayed.increment();
        };
    // The body should be a job id and nothing else is read from it; JobSockets checks the
    // database before it closes anything.
    MessageListener deletions =
        (Message message, byte[] pattern) -> {
          try {
            sockets.closeIfDeleted(
                UUID.fromString(new String(message.getBody(), StandardCharsets.UTF_8).strip()));
          } catch (IllegalArgumentException e) {
            log.warn("Ignoring a malformed job deletion notice");
          }
        };
    // Likewise a revoked jti or family: JobSockets checks the deny-list before it closes anything.
    MessageListener revocations =
        (Message message, byte[] pattern) -> {
          try {
            sockets.closeIfRevoked(
                UUID.fromString(new String(message.getBody(), StandardCharsets.UTF_8).strip()));
          } catch (IllegalArgumentException e) {
            log.warn("Ignoring a malformed token revocation notice");
          }
        };
    RedisMessageListenerContainer container = new RedisMessageListenerContainer();
    container.setConnectionFactory(redis);
    // The listeners only hand work to JobSockets' pools, so they run on the subscription's thread:
    // the default executor started a new thread for every message.
    container.setTaskExecutor(new SyncTaskExecutor());
    container.setSubscriptionExecutor(new SimpleAsyncTaskExecutor("redis-subscription-"));
    container.addMessageListener(listener, new PatternTopic(JobEventChannels.PATTERN));
    container.addMessageListener(deletions, new ChannelTopic(JobEventChannels.DELETED));
    container.addMessageListener(revocations, new ChannelTopic(AccessTokenDenyList.CHANNEL));
    ExponentialBackOff backOff = new ExponentialBackOff(200, 2);
    backOff.setMaxInterval(2000);
    container.setRecoveryBackoff(backOff);
    container.setErrorHandler(e -> log.warn("Redis subscription problem: {}", e.getMessage()));
    return container;
  }
}
