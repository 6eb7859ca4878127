package dev.ideaforge.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.Json;
import dev.ideaforge.model.jobs.AppRepository;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobMessage;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.testsupport.CooperativeModel;
import dev.ideaforge.testsupport.FakeOpenAiServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The {@code openai} provider end to end, against a local OpenAI-compatible server. */
class OpenAiProviderTest extends WorkflowTestBase {

  static final FakeOpenAiServer FAKE = new FakeOpenAiServer(CooperativeModel::answer);

  @Autowired AppRepository apps;

  @DynamicPropertySource
  static void useTheFake(DynamicPropertyRegistry registry) {
    registry.add("ideaforge.llm.provider", () -> "openai");
    registry.add("ideaforge.llm.base-url", FAKE::baseUrl);
    registry.add("ideaforge.llm.api-key", () -> "test-key");
    registry.add("ideaforge.llm.model", () -> "fake-default");
    registry.add("ideaforge.llm.client-relations-model", () -> "fake-interviewer");
  }

  @AfterAll
  static void stopFake() {
    FAKE.close();
  }

  @Test
  void jobFinishesThroughAnOpenAiCompatibleEndpointDespiteA500AndA429() {
    FAKE.failNext(500).failNext(429);
    Job job = createJob("An app that reminds me to water my plants");
    start(job);

    JobMessage question = awaitAgentMessages(job, 1);
    say(job, "City plant owners");
    awaitCompletion(job);

    assertThat(status(job)).isEqualTo(JobStatus.DONE);
    assertThat(question.getContent()).isEqualTo(CooperativeModel.QUESTION);
    JsonNode metadata = Json.parse(question.getMetadata());
    assertThat(metadata.path("provider").asString()).isEqualTo("openai");
    assertThat(metadata.path("model").asString()).isEqualTo("fake-interviewer");
    assertThat(metadata.path("prompt_tokens").asLong()).isPositive();
    assertThat(metadata.path("completion_tokens").asLong()).isPositive();

    List<FakeOpenAiServer.Request> requests = FAKE.requests();
    // Two failed attempts, two interview turns, CEO and CTO agreeing in round one, the Secretary.
    assertThat(requests).hasSize(7);
    assertThat(requests)
        .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer test-key"));
    assertThat(requests.get(requests.size() - 1).model()).isEqualTo("fake-default");
    assertThat(agentMessages(job)).hasSize(2).noneMatch(m -> m.getContent().contains("Injected"));

    JsonNode spec = Json.parse(apps.findByJobId(job.getId()).orElseThrow().getSpec());
    assertThat(spec.path("prd").path("name").asString()).isEqualTo("Plant Pal");
    assertThat(spec.path("summary").asString())
        .contains("# Plant Pal — Product Requirements")
        .contains("- [ ] A reminder arrives");
  }
}
