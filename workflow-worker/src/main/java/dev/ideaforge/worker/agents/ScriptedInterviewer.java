package dev.ideaforge.worker.agents;

import dev.ideaforge.worker.agents.LlmRequest.LlmMessage;
import dev.ideaforge.worker.agents.LlmRequest.Role;
import dev.ideaforge.worker.agents.Requirements.Topic;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The scripted Client Relations agent. It asks one question per topic the idea leaves open, in a
 * fixed order, and then writes a summary from the idea and the user's own answers.
 */
final class ScriptedInterviewer {

  private static final Map<Topic, String> QUESTIONS = new EnumMap<>(Topic.class);
  private static final Map<Topic, List<String>> HINTS = new EnumMap<>(Topic.class);

  static {
    QUESTIONS.put(
        Topic.PROBLEM,
        "What problem does it solve? Tell me what is painful or slow for people today.");
    QUESTIONS.put(
        Topic.USERS, "Who are the target users? Describe the people who would use it first.");
    QUESTIONS.put(
        Topic.FEATURES, "What are the three to five core features the first version must have?");
    QUESTIONS.put(
        Topic.PLATFORMS,
        "Which platforms should it run on: web, iOS, Android, desktop, or several of them?");
    QUESTIONS.put(
        Topic.CONSTRAINTS,
        "Are there constraints I should know about: budget, deadline, integrations, privacy or"
            + " compliance rules?");
    HINTS.put(Topic.PROBLEM, List.of("problem", "struggle", "pain", "hard to", "so that"));
    HINTS.put(
        Topic.USERS,
        List.of(" users", "customers", "students", "teams", "parents", "freelancers", "owners"));
    HINTS.put(Topic.FEATURES, List.of("feature", "features", "should let", "allows", "lets "));
    HINTS.put(
        Topic.PLATFORMS,
        List.of(" web", "website", "ios", "android", "mobile", "desktop", "browser", "iphone"));
    HINTS.put(
        Topic.CONSTRAINTS,
        List.of("budget", "deadline", "gdpr", "hipaa", "compliance", "integrat", "within "));
  }

  private ScriptedInterviewer() {}

  static String reply(List<LlmMessage> messages) {
    String idea = "";
    Map<Topic, String> answers = new EnumMap<>(Topic.class);
    Set<Topic> asked = EnumSet.noneOf(Topic.class);
    Topic lastAsked = null;
    boolean summarise = false;
    String edit = null;
    String lastAnswer = null;
    for (LlmMessage message : messages) {
      String text = message.content().strip();
      if (message.role() == Role.ASSISTANT) {
        lastAsked = askedIn(text);
        if (lastAsked != null) {
          asked.add(lastAsked);
        }
      } else if (text.startsWith(AgentMarkers.SYSTEM_NOTE)) {
        summarise |= text.contains(AgentMarkers.REQUIREMENTS_SUMMARY);
        if (text.contains("edited")) {
          edit = text;
        }
      } else if (idea.isEmpty()) {
        idea = text;
      } else if (lastAsked != null) {
        answers.merge(lastAsked, text, (a, b) -> a + "; " + b);
        lastAnswer = text;
      } else {
        idea = idea + " " + text;
      }
    }
    Topic next = null;
    if (!summarise) {
      for (Topic topic : Topic.values()) {
        if (!answers.containsKey(topic) && !mentions(idea, topic) && !asked.contains(topic)) {
          next = topic;
          break;
        }
      }
    }
    StringBuilder reply = new StringBuilder();
    if (edit != null) {
      reply.append("Thanks, I have updated your idea to: \"").append(excerpt(idea)).append("\". ");
    } else if (lastAnswer == null && answers.isEmpty()) {
      reply.append("Thanks for sharing your idea: \"").append(excerpt(idea)).append("\". ");
      if (next != null) {
        reply.append("I'll ask a few short questions so the team builds the right thing. ");
      }
    } else {
      reply.append("Got it. ");
    }
    if (next != null) {
      return reply.append(QUESTIONS.get(next)).toString();
    }
    reply.append("I have what the team needs. Here is the summary of your requirements:\n\n");
    reply.append(AgentMarkers.REQUIREMENTS_SUMMARY).append('\n');
    reply.append("Idea: ").append(idea).append('\n');
    for (Topic topic : Topic.values()) {
      String answer = answers.get(topic);
      if (answer == null) {
        answer = mentions(idea, topic) ? fromIdea(idea, topic) : "not specified";
      }
      reply.append(topic.label()).append(": ").append(answer).append('\n');
    }
    return reply.toString().strip();
  }

  private static Topic askedIn(String agentText) {
    for (Map.Entry<Topic, String> question : QUESTIONS.entrySet()) {
      if (agentText.contains(question.getValue())) {
        return question.getKey();
      }
    }
    return null;
  }

  private static boolean mentions(String idea, Topic topic) {
    String text = " " + idea.toLowerCase(Locale.ROOT);
    return HINTS.get(topic).stream().anyMatch(text::contains);
  }

  /** What the idea itself says about a topic: the clause that mentions it. */
  private static String fromIdea(String idea, Topic topic) {
    String lower = idea.toLowerCase(Locale.ROOT);
    int forAt = lower.indexOf(" for ");
    if (topic == Topic.USERS && forAt >= 0) {
      String users =
          idea.substring(forAt + 5).split("[.,;:!?]|\\bto\\b|\\bwho\\b|\\bthat\\b")[0].strip();
      if (!users.isEmpty()) {
        return users;
      }
    }
    if (topic == Topic.PLATFORMS) {
      return HINTS.get(topic).stream()
          .filter((" " + lower)::contains)
          .map(String::strip)
          .distinct()
          .reduce((a, b) -> a + ", " + b)
          .orElse(idea);
    }
    for (String clause : idea.split("[,;.]")) {
      String c = " " + clause.toLowerCase(Locale.ROOT);
      if (HINTS.get(topic).stream().anyMatch(c::contains)) {
        return clause.strip();
      }
    }
    return idea;
  }

  private static String excerpt(String text) {
    return text.length() > 160 ? text.substring(0, 160) + "…" : text;
  }
}
