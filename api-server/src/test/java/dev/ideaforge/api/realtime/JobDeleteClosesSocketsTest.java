package dev.ideaforge.api.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.testsupport.HttpApi;
import dev.ideaforge.testsupport.SocketClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Deleting a job closes its sockets with 4003 at once, on every api-server. The second instance
 * sweeps the event log only hourly, so a socket there can only close through the deletion notice on
 * Redis, never through the periodic sweep.
 */
class JobDeleteClosesSocketsTest extends SocketTestBase {

  static ConfigurableApplicationContext second;

  @BeforeAll
  static void startSecondInstance() {
    second =
        startListeningInstance(
            "ideaforge.ws.catch-up-interval=1h", "ideaforge.jobs.allow-purge=true");
  }

  @AfterAll
  static void stopSecondInstance() {
    second.close();
  }

  int secondPort() {
    return portOf(second);
  }

  SocketClient connectToSecond(String jobId, String token) {
    return SocketClient.connect(
        "ws://127.0.0.1:" + secondPort() + "/ws/jobs/" + jobId + "/", token);
  }

  @Test
  void deletingAJobClosesItsSocketsOnEveryInstanceWith4003() {
    String token = newUserToken();
    String jobId = createJob(token, "A plant watering reminder").path("id").asString();
    String otherJobId = createJob(token, "A bike route planner").path("id").asString();
    try (SocketClient here = connect(jobId, token);
        SocketClient there = connectToSecond(jobId, token);
        SocketClient otherJob = connectToSecond(otherJobId, token)) {

      assertThat(api.delete("/api/jobs/" + jobId + "/", token).status()).isEqualTo(204);

      assertThat(here.awaitClose(WAIT).code()).isEqualTo(4003);
      assertThat(there.awaitClose(WAIT).code()).isEqualTo(4003);
      // Only the deleted job's sockets close.
      assertThat(otherJob.isClosed()).isFalse();
    }
  }

  @Test
  void purgingJobsClosesTheirSocketsWith4003() {
    String token = newUserToken();
    String jobId = createJob(token, "A book swap for neighbours").path("id").asString();
    try (SocketClient there = connectToSecond(jobId, token)) {
      HttpApi onSecond = HttpApi.onPort(secondPort());
      assertThat(onSecond.delete("/api/jobs/purge/", token).status()).isEqualTo(200);

      assertThat(there.awaitClose(WAIT).code()).isEqualTo(4003);
    }
  }

  @Test
  void aDeletionNoticeForAJobThatStillExistsClosesNothing() {
    String token = newUserToken();
    String jobId = createJob(token, "A shared shopping list").path("id").asString();
    try (SocketClient there =
        SocketClient.connect(
            "ws://127.0.0.1:" + secondPort() + "/ws/jobs/" + jobId + "/?after=0", token)) {
      // The replay comes from the event log: the socket is open and registered.
      assertThat(there.awaitKind("chat", WAIT).path("content").asString())
          .isEqualTo("A shared shopping list");
      // Anyone who can publish on Redis can send the notice; the job is still there, so the
      // socket must stay open. A wrongful close would follow the notice within milliseconds.
      second
          .getBean(org.springframework.data.redis.core.StringRedisTemplate.class)
          .convertAndSend(dev.ideaforge.model.events.JobEventChannels.DELETED, jobId);
      sleep(Duration.ofSeconds(2));
      assertThat(there.isClosed()).isFalse();
    }
  }
}
