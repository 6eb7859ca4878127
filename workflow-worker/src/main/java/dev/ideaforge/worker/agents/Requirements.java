package dev.ideaforge.worker.agents;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The topics an interview covers, and a reader for a requirements summary written as {@code Topic:
 * answer} lines (the scripted interviewer's format, which the prompts also ask models to follow).
 */
public record Requirements(Map<Topic, String> answers, String idea) {

  public enum Topic {
    PROBLEM("Problem"),
    USERS("Target users"),
    FEATURES("Core features"),
    PLATFORMS("Platforms"),
    CONSTRAINTS("Constraints");

    private final String label;

    Topic(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Reads {@code Idea:} and topic lines; text it cannot place becomes the idea. */
  public static Requirements parse(String summary) {
    Map<Topic, String> answers = new LinkedHashMap<>();
    String idea = null;
    StringBuilder loose = new StringBuilder();
    for (String raw : summary.split("\\R")) {
      String line = raw.strip().replaceFirst("^[-*•]\\s*", "");
      int colon = line.indexOf(':');
      if (colon > 0) {
        String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).strip();
        if (key.equals("idea")) {
          idea = value;
          continue;
        }
        Topic topic = topicOf(key);
        if (topic != null) {
          answers.put(topic, value);
          continue;
        }
      }
      if (!line.isEmpty() && !line.equals(AgentMarkers.REQUIREMENTS_SUMMARY)) {
        loose.append(loose.isEmpty() ? "" : " ").append(line);
      }
    }
    if (idea == null) {
      idea = loose.isEmpty() ? "the product" : loose.toString();
    }
    return new Requirements(answers, idea);
  }

  private static Topic topicOf(String key) {
    for (Topic topic : Topic.values()) {
      if (key.equals(topic.label().toLowerCase(Locale.ROOT))) {
        return topic;
      }
    }
    return null;
  }

  /** The answer for a topic, or {@code fallback} when the interview left it open. */
  public String get(Topic topic, String fallback) {
    String value = answers.get(topic);
    return value == null || value.isBlank() || value.equalsIgnoreCase("not specified")
        ? fallback
        : value;
  }
}
