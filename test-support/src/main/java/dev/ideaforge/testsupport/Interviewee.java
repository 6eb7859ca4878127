package dev.ideaforge.testsupport;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user that the drills, the benchmark and the smoke check play against a running system: a
 * fresh account, an idea, and the same answers to the interviewer's questions, so every client
 * drives a job through the same interview.
 */
public final class Interviewee {

  /** An idea that leaves the interviewer questions to ask. */
  public static final String IDEA = "A habit tracker for remote teams";

  /** One answer per interview question, in order; then the interviewer writes its summary. */
  public static final List<String> ANSWERS =
      List.of(
          "Remote teams forget their daily check-ins",
          "Daily check-ins, streaks and reminders",
          "Web and iOS",
          "A small budget");

  private static final String PASSWORD = "correct-horse-9";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private int answered;

  /**
   * Registers a fresh account ({@code <prefix><random>@example.com}) and returns its access token.
   *
   * @throws IllegalStateException when the API does not answer 201
   */
  public static String register(HttpApi api, String prefix) {
    String name = prefix + UUID.randomUUID().toString().substring(0, 8);
    HttpApi.Response r =
        api.post(
            "/api/auth/register/",
            Map.of("email", name + "@example.com", "password", PASSWORD),
            null);
    if (r.status() != 201) {
      throw new IllegalStateException("register " + name + ": " + r);
    }
    return r.json().path("access").asString();
  }

  /**
   * The socket frame that answers this event, when it is an interview question and answers are
   * left: an agent's chat message that is not yet the requirements summary.
   */
  public Optional<String> replyTo(JsonNode event) {
    return answerTo(event).map(Interviewee::chatFrame);
  }

  /** The answer to this event (the text of {@link #replyTo}'s frame), counted as given. */
  public Optional<String> answerTo(JsonNode event) {
    boolean question =
        event.path("kind").asString().equals("chat")
            && event.path("role").asString().equals("agent")
            && !event.path("content").asString().contains("REQUIREMENTS_SUMMARY");
    if (!question || answered >= ANSWERS.size()) {
      return Optional.empty();
    }
    return Optional.of(ANSWERS.get(answered++));
  }

  /** The socket frame a client sends to say {@code content} in a job's chat. */
  public static String chatFrame(String content) {
    return JSON.writeValueAsString(Map.of("kind", "chat", "content", content));
  }

  /** How many questions were answered so far. */
  public int answered() {
    return answered;
  }
}
