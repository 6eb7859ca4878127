package dev.ideaforge.api.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.testsupport.HttpApi;
import dev.ideaforge.testsupport.SocketClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A deleted message leaves the event log: its {@code chat} event becomes a {@code message_deleted}
 * tombstone with the same seq, so replays keep every seq and lose the content.
 */
class DeletedMessageEventTest extends ApiTestBase {

  @Test
  void aDeletedMessageBecomesATombstoneInEventsAndSocketReplays() {
    String token = newUserToken();
    String jobId = createJob(token, "A dog walking rota").path("id").asString();
    JsonNode secret =
        api.post(
                "/api/job-messages/",
                Map.of("job_id", jobId, "role", "user", "content", "my secret address"),
                token)
            .json();
    String messageId = secret.path("id").asString();

    assertThat(api.delete("/api/job-messages/" + messageId + "/", token).status()).isEqualTo(204);

    HttpApi.Response events = api.get("/api/jobs/" + jobId + "/events/", token);
    assertThat(events.status()).isEqualTo(200);
    assertThat(events.body()).doesNotContain("my secret address");
    List<JsonNode> list = StreamSupport.stream(events.json().spliterator(), false).toList();
    assertThat(list)
        .extracting(e -> e.path("seq").asLong())
        .as("seqs stay gapless")
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(1, list.size()).boxed().toList());
    JsonNode tombstone =
        list.stream()
            .filter(e -> e.path("id").asString().equals(messageId))
            .findFirst()
            .orElseThrow();
    assertThat(tombstone.path("kind").asString()).isEqualTo("message_deleted");
    assertThat(tombstone.path("jobId").asString()).isEqualTo(jobId);
    assertThat(tombstone.has("content")).isFalse();

    try (SocketClient socket =
        SocketClient.connect("ws://127.0.0.1:" + port + "/ws/jobs/" + jobId + "/?after=0", token)) {
      List<JsonNode> replay = socket.awaitCount(list.size(), Duration.ofSeconds(10));
      assertThat(replay.toString()).doesNotContain("my secret address");
      assertThat(replay)
          .filteredOn(e -> e.path("id").asString().equals(messageId))
          .extracting(e -> e.path("kind").asString())
          .containsExactly("message_deleted");
    }
  }
}
