package dev.ideaforge.worker.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ideaforge.testsupport.FakeOpenAiServer;
import dev.ideaforge.testsupport.TemporalTestService;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiLlmClientTest {

  final FakeOpenAiServer fake = new FakeOpenAiServer(r -> "Hello from " + r.model());

  @AfterEach
  void stop() {
    fake.close();
  }

  OpenAiLlmClient client(String baseUrl, Duration timeout) {
    return new OpenAiLlmClient(
        new LlmSettings(
            LlmSettings.Provider.OPENAI,
            baseUrl,
            "",
            "base-model",
            "",
            "ceo-model",
            "",
            "",
            timeout,
            0.2,
            Duration.ZERO));
  }

  LlmRequest request(Agent agent) {
    return new LlmRequest(
        agent, "system", List.of(new LlmRequest.LlmMessage(LlmRequest.Role.USER, "hi")));
  }

  LlmRequest structured() {
    return new LlmRequest(
        Agent.SECRETARY,
        "system",
        List.of(new LlmRequest.LlmMessage(LlmRequest.Role.USER, "Write the PRD")),
        PrdSchema.class);
  }

  @Test
  void theSecretaryAsksForStructuredOutputInTheSchemaOfThePrdRecord() throws Exception {
    OpenAiLlmClient client = client(fake.baseUrl(), Duration.ofSeconds(5));
    client.complete(structured());

    var format = fake.requests().get(0).body().path("response_format");
    assertThat(format.path("type").asString()).isEqualTo("json_schema");
    assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
    assertThat(format.path("json_schema").path("schema")).isEqualTo(PrdSchemaTest.generated());
    // Free-text turns ask for none.
    client.complete(request(Agent.CEO));
    assertThat(fake.requests().get(1).body().has("response_format")).isFalse();
  }

  @Test
  void anEndpointWithoutStructuredOutputsIsAskedForTextInsteadFromThenOn() {
    OpenAiLlmClient client = client(fake.baseUrl(), Duration.ofSeconds(5));
    fake.failNext(400);

    LlmReply reply = client.complete(structured());

    assertThat(reply.content()).isEqualTo("Hello from base-model");
    assertThat(fake.requests()).hasSize(2);
    assertThat(fake.requests().get(0).body().has("response_format")).isTrue();
    assertThat(fake.requests().get(1).body().has("response_format")).isFalse();
    client.complete(structured());
    assertThat(fake.requests()).hasSize(3);
    assertThat(fake.requests().get(2).body().has("response_format")).isFalse();
  }

  /**
   * A 400 that plain text gets too (a prompt over the context length, a wrong model) says nothing
   * about structured outputs: the next structured request still asks for them.
   */
  @Test
  void aRefusalThatPlainTextGetsTooKeepsStructuredOutputsOn() {
    OpenAiLlmClient client = client(fake.baseUrl(), Duration.ofSeconds(5));
    fake.failNext(400).failNext(400);
    assertThatThrownBy(() -> client.complete(structured())).isInstanceOf(LlmException.class);

    client.complete(structured());

    assertThat(fake.requests()).hasSize(3);
    assertThat(fake.requests().get(2).body().has("response_format")).isTrue();
  }

  @Test
  void aStructuredRequestThatFailsForAnotherReasonIsNotRetriedAsText() {
    OpenAiLlmClient client = client(fake.baseUrl(), Duration.ofSeconds(5));
    fake.failNext(401);
    assertThatThrownBy(() -> client.complete(structured()))
        .isInstanceOf(LlmException.class)
        .satisfies(e -> assertThat(((LlmException) e).isRetryable()).isFalse());
    assertThat(fake.requests()).hasSize(1);
  }

  @Test
  void perAgentModelOverridesTheDefault() {
    OpenAiLlmClient client = client(fake.baseUrl(), Duration.ofSeconds(5));
    assertThat(client.complete(request(Agent.CEO)).content()).isEqualTo("Hello from ceo-model");
    assertThat(client.complete(request(Agent.CTO)).model()).isEqualTo("base-model");
  }

  @Test
  void localServersNeedNoApiKey() {
    client(fake.baseUrl(), Duration.ofSeconds(5)).complete(request(Agent.CTO));
    assertThat(fake.requests().get(0).authorization()).isEqualTo("Bearer not-needed");
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503})
  void transientStatusesAreRetryable(int status) {
    fake.failNext(status);
    assertThatThrownBy(
            () -> client(fake.baseUrl(), Duration.ofSeconds(5)).complete(request(Agent.CEO)))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.isRetryable()).isTrue())
        .hasMessageContaining("HTTP " + status);
    assertThat(fake.requests()).hasSize(1); // the client itself never retries
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 422})
  void rejectionsAreNotRetryable(int status) {
    fake.failNext(status);
    assertThatThrownBy(
            () -> client(fake.baseUrl(), Duration.ofSeconds(5)).complete(request(Agent.CEO)))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.isRetryable()).isFalse());
  }

  @Test
  void slowAnswersTimeOutAsRetryable() {
    fake.delayNext(Duration.ofSeconds(3));
    assertThatThrownBy(
            () -> client(fake.baseUrl(), Duration.ofMillis(500)).complete(request(Agent.CEO)))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.isRetryable()).isTrue());
  }

  @Test
  void unreachableEndpointIsRetryable() {
    String nowhere = "http://127.0.0.1:" + TemporalTestService.freePort() + "/v1";
    assertThatThrownBy(() -> client(nowhere, Duration.ofSeconds(2)).complete(request(Agent.CEO)))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.isRetryable()).isTrue());
  }
}
