package dev.ideaforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/**
 * Two jobs caught midway, for drills that take the Temporal service away: one in the discussion
 * (its first step stored) and one waiting for the user's first answer.
 */
final class MidwayJobs {

  final Client client;
  final String running;
  final String collecting;

  private MidwayJobs(Client client, String running, String collecting) {
    this.client = client;
    this.running = running;
    this.collecting = collecting;
  }

  static MidwayJobs create(Client client, Duration within) {
    String running = client.createJob(Client.COMPLETE_IDEA);
    String collecting = client.createJob("Something with plants");
    client.awaitJob(running, "the first step", within, j -> j.path("steps").size() >= 1);
    client.awaitJob(collecting, "the first reply", within, j -> j.path("messages").size() >= 2);
    return new MidwayJobs(client, running, collecting);
  }

  /**
   * The discussion finishes with each of its five steps once, and the interview goes on where it
   * stopped: the answer gets the next question, once.
   */
  void assertBothCarryOn(Duration within) {
    client.awaitStatus(running, "done", within);
    Database.assertNoDuplicates(running, 5);
    assertThat(client.say(collecting, "Plants die when their owners travel").status())
        .isEqualTo(201);
    client.awaitJob(collecting, "the next question", within, j -> j.path("messages").size() >= 4);
    assertThat(client.detail(collecting).path("messages").get(3).path("content").asString())
        .contains("target users");
    assertThat(client.agentMessages(collecting)).isEqualTo(2);
  }
}
