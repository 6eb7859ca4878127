package dev.ideaforge.api.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.testsupport.HttpApi;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outside the dev profile, clients post user messages only. */
class MessageRulesTest extends ApiTestBase {

  long messages(String jobId) {
    return jdbc.queryForObject(
        "select count(*) from job_messages where job_id = ?::uuid", Long.class, jobId);
  }

  @Test
  void agentAndSystemMessagesAreForbiddenAndNothingIsStored() {
    String token = newUserToken();
    String jobId = createJob(token, "idea").path("id").asString();
    for (String role : new String[] {"agent", "system"}) {
      HttpApi.Response res =
          api.post(
              "/api/job-messages/",
              Map.of("job_id", jobId, "role", role, "sender", "CEO", "content", "Ship it"),
              token);

      assertThat(res.status()).as(role).isEqualTo(403);
      assertThat(res.json().path("detail").asString()).contains("Only user messages");
    }
    assertThat(messages(jobId)).isEqualTo(1);
  }
}
