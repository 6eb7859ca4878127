package dev.ideaforge.worker.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.worker.agents.LlmRequest.LlmMessage;
import dev.ideaforge.worker.agents.LlmRequest.Role;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptedAgentsTest {

  final ScriptedLlmClient scripted = new ScriptedLlmClient(Duration.ZERO);

  String interview(String... turns) {
    List<LlmMessage> messages =
        java.util.stream.IntStream.range(0, turns.length)
            .mapToObj(i -> new LlmMessage(i % 2 == 0 ? Role.USER : Role.ASSISTANT, turns[i]))
            .toList();
    return scripted.complete(new LlmRequest(Agent.CLIENT_RELATIONS, "system", messages)).content();
  }

  @Test
  void interviewerSkipsWhatTheIdeaAlreadyAnswers() {
    String reply = interview("A mobile app for students that lets them swap textbooks");
    // Users, features and platforms are in the idea; the problem is not.
    assertThat(reply).contains("What problem does it solve?");
    String next =
        interview(
            "A mobile app for students that lets them swap textbooks",
            reply,
            "Textbooks are expensive");
    assertThat(next).contains("constraints");
  }

  @Test
  void summaryIsBuiltFromTheUsersOwnAnswers() {
    String q1 = interview("Something with plants");
    String q2 = interview("Something with plants", q1, "Plants die when owners travel");
    assertThat(q2).contains("target users");
    String summary =
        interview(
            "Something with plants",
            q1,
            "Plants die when owners travel",
            q2,
            "SYSTEM NOTE: write the REQUIREMENTS_SUMMARY now");
    assertThat(summary)
        .contains("REQUIREMENTS_SUMMARY")
        .contains("Problem: Plants die when owners travel")
        .contains("Target users: not specified");
  }

  @Test
  void executivesArgueFromTheRequirementsAndSecretaryWritesValidPrd() {
    String requirements =
        "Requirements summary:\nIdea: Plant Pal\nProblem: Plants die\nTarget users: Travellers\n"
            + "Core features: reminders, plant diary, sharing\nPlatforms: Android\n"
            + "Constraints: two months\n\nDiscussion so far:\n(nobody)\n\nROUND: 1/3";
    String cto =
        scripted
            .complete(
                new LlmRequest(Agent.CTO, "s", List.of(new LlmMessage(Role.USER, requirements))))
            .content();
    assertThat(cto).contains("React Native").contains("two months").endsWith("AGREEMENT: no");
    String prd =
        scripted
            .complete(
                new LlmRequest(
                    Agent.SECRETARY, "s", List.of(new LlmMessage(Role.USER, requirements))))
            .content();
    var parsed = PrdDocument.parse(prd).orElseThrow();
    assertThat(parsed.path("mvp_scope").path("in")).hasSize(2);
    assertThat(parsed.path("functional_requirements")).hasSize(3);
    assertThat(PrdDocument.toMarkdown(parsed)).contains("## MVP scope").contains("plant diary");
  }

  @Test
  void prdParserRejectsAnswersWithoutAProductName() {
    assertThat(PrdDocument.parse("Sorry, I cannot help with that.")).isEmpty();
    assertThat(PrdDocument.parse("{\"problem\": \"x\"}")).isEmpty();
    assertThat(PrdDocument.parse("```json\n{\"name\": \"X\"}\n```"))
        .get()
        .satisfies(p -> assertThat(p.path("risks").isArray()).isTrue());
  }
}
