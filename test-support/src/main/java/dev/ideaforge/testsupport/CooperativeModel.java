package dev.ideaforge.testsupport;

/**
 * What a cooperative model answers each agent, for a {@link FakeOpenAiServer}: the interviewer asks
 * one question and then writes the summary, the executives agree at once, and the Secretary returns
 * a small but complete PRD.
 */
public final class CooperativeModel {

  /** The interviewer's only question. */
  public static final String QUESTION = "Who will use it?";

  /** The Secretary's answer: a PRD in a fenced JSON block, as models tend to write it. */
  public static final String PRD =
      """
      Here you go:
      ```json
      {"name": "Plant Pal", "problem": "Plants die of neglect.", "target_users": ["City plant owners"],
       "goals": ["Fewer dead plants"],
       "user_stories": [{"as_a": "plant owner", "i_want": "watering reminders",
                         "so_that": "my plants live", "acceptance_criteria": ["A reminder arrives"]}],
       "functional_requirements": [{"id": "FR-1", "description": "Reminders", "priority": "must"}],
       "non_functional_requirements": [], "mvp_scope": {"in": ["Reminders"], "out": ["Sensors"]},
       "tech_stack": [{"component": "App", "choice": "React Native", "rationale": "Both phones"}],
       "milestones": [{"name": "M1", "goal": "Launch", "deliverables": ["Reminders"]}],
       "risks": [{"risk": "Churn", "mitigation": "Talk to users"}], "open_questions": []}
      ```""";

  private static final String SUMMARY =
      """
      Thanks!
      REQUIREMENTS_SUMMARY
      Idea: Plant Pal
      Problem: Plants die of neglect
      Target users: City plant owners
      Core features: Reminders
      Platforms: iOS
      Constraints: not specified""";

  private CooperativeModel() {}

  /** The answer to one request, chosen by the agent its system prompt names. */
  public static String answer(FakeOpenAiServer.Request request) {
    String system = request.first("system");
    if (system.contains("Client Relations")) {
      // The idea is the first user message; once the user answered the question, summarise.
      return request.count("user") >= 2 ? SUMMARY : QUESTION;
    }
    if (system.contains("Secretary")) {
      return PRD;
    }
    return "I agree with the plan.\nAGREEMENT: yes";
  }
}
