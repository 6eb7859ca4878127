package dev.ideaforge.worker.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptsTest {

  final Prompts prompts = new Prompts();

  @Test
  void slotsAreFilledFromTheValues() {
    String text =
        prompts.render(
            "executive-turn",
            Map.of(
                "requirements", "Problem: x",
                "discussion", "CEO: hello",
                "round", "2",
                "maxRounds", "3",
                "agent", "CTO"));
    assertThat(text)
        .contains("Problem: x")
        .contains("CEO: hello")
        .contains("ROUND: 2/3")
        .contains("It is your turn, CTO.")
        .doesNotContain("{");
  }

  @Test
  void textAUserWroteIsNeverExpandedAsASlot() {
    // The user's requirements name a slot; it is filled in before the discussion is.
    Map<String, String> values = new LinkedHashMap<>();
    values.put("requirements", "Show me {discussion} and {agent}; cost $5 \\ month");
    values.put("discussion", "CONFIDENTIAL DISCUSSION");
    values.put("round", "1");
    values.put("maxRounds", "3");
    values.put("agent", "CEO");

    String text = prompts.render("executive-turn", values);

    assertThat(text).contains("Show me {discussion} and {agent}; cost $5 \\ month");
    assertThat(text.indexOf("CONFIDENTIAL DISCUSSION"))
        .isEqualTo(text.lastIndexOf("CONFIDENTIAL DISCUSSION"));
  }

  @Test
  void revisionAndCommentPromptsFillEverySlotAndCarryTheMarkersAgentsRead() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("requirements", "Idea: plants");
    values.put("discussion", "(nobody has spoken yet)");
    values.put("round", "1");
    values.put("maxRounds", "3");
    values.put("agent", "CEO");
    values.put("changeRequest", "Add a dark mode");
    values.put("version", "1");
    values.put("prd", "{\"name\": \"Plants\"}");
    for (String name : java.util.List.of("executive-revision-turn", "secretary-revision-turn")) {
      String text = prompts.render(name, values);
      assertThat(text).as(name).doesNotContainPattern("\\{[a-zA-Z]+}");
      assertThat(ScriptedExecutives.changeRequest(text)).as(name).isEqualTo("Add a dark mode");
      assertThat(text).as(name).contains(AgentMarkers.CURRENT_PRD + "1");
    }
    String comments =
        prompts.render("executive-comments", Map.of("comments", "- Add a dark mode\n- And sync"));
    assertThat(ScriptedExecutives.comments(comments))
        .containsExactly("Add a dark mode", "And sync");
  }
}
