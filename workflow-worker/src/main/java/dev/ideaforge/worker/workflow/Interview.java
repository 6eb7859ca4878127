package dev.ideaforge.worker.workflow;

import dev.ideaforge.model.jobs.JobMessage;
import dev.ideaforge.model.jobs.MessageRole;
import dev.ideaforge.worker.agents.AgentMarkers;
import java.util.List;
import java.util.UUID;

/**
 * The rules of the Client Relations interview, on a transcript already read: which user messages
 * are still unanswered, when the agent must summarise, where the summary is, and the idempotency
 * key of each turn. No database, no Temporal: the activity adapts these to both.
 */
final class Interview {

  private Interview() {}

  /**
   * One message as the rules see it.
   *
   * @param answeredPosition for an agent reply, the last position of the transcript it answered
   */
  record Line(
      String id,
      long position,
      MessageRole role,
      String content,
      String idempotencyKey,
      long answeredPosition) {

    static Line of(JobMessage m) {
      long position = m.getPosition();
      // Server-owned; an agent message without it (one a tool posted) answered up to itself.
      long answered =
          m.getRole() != MessageRole.AGENT
              ? 0
              : m.getAnsweredPosition() == null ? position : m.getAnsweredPosition();
      return new Line(
          m.getId().toString(),
          position,
          m.getRole(),
          m.getContent(),
          m.getIdempotencyKey(),
          answered);
    }

    boolean fromUser() {
      return role == MessageRole.USER;
    }
  }

  static List<Line> lines(List<JobMessage> transcript) {
    return transcript.stream().map(Line::of).toList();
  }

  /** The idempotency key of a Client Relations turn. */
  static String turnKey(UUID jobId, int turn) {
    return jobId + ":cr:" + turn;
  }

  /** Client Relations turns stored so far. */
  static int turnsTaken(UUID jobId, List<Line> transcript) {
    String prefix = jobId + ":cr:";
    return (int)
        transcript.stream()
            .filter(l -> l.idempotencyKey() != null && l.idempotencyKey().startsWith(prefix))
            .count();
  }

  /**
   * The user's messages that no agent reply has seen yet. A reply records the last position of the
   * transcript it was written from, because messages that arrive while it is being written are
   * stored before it but not answered by it.
   */
  static List<Line> unanswered(List<Line> transcript) {
    long seenThrough = 0;
    for (Line l : transcript) {
      if (l.role() == MessageRole.AGENT) {
        seenThrough = Math.max(seenThrough, l.answeredPosition());
      }
    }
    long seen = seenThrough;
    return transcript.stream().filter(l -> l.fromUser() && l.position() > seen).toList();
  }

  /** Whether a turn has anything to answer: the first turn always does. */
  static boolean hasSomethingToAnswer(List<Line> transcript, int turn, boolean promptEdited) {
    return turn == 1 || promptEdited || !unanswered(transcript).isEmpty();
  }

  /** After {@code maxUserRounds} answers (the idea itself does not count) the agent summarises. */
  static boolean mustSummarise(List<Line> transcript, int maxUserRounds) {
    long userRounds = transcript.stream().filter(Line::fromUser).count() - 1;
    return userRounds >= maxUserRounds;
  }

  /** The last position of a transcript (0 when empty). */
  static long lastPosition(List<Line> transcript) {
    return transcript.stream().mapToLong(Line::position).max().orElse(0);
  }

  /**
   * Whether the user said something after {@code position}, the end of the transcript a reply was
   * written from. A summary written without it would leave that message unanswered for good.
   */
  static boolean userSpokeSince(List<Line> transcript, long position) {
    return transcript.stream().anyMatch(l -> l.fromUser() && l.position() > position);
  }

  static List<String> userIds(List<Line> transcript) {
    return transcript.stream().filter(Line::fromUser).map(Line::id).toList();
  }

  /** The requirements summary in a reply, or null while the interview goes on. */
  static String summaryIn(String content, boolean mustSummarise) {
    int marker = content.indexOf(AgentMarkers.REQUIREMENTS_SUMMARY);
    if (marker < 0) {
      // Asked to summarise, the whole answer is the summary even if the model forgot the marker.
      return mustSummarise ? content.strip() : null;
    }
    String summary =
        content
            .substring(marker + AgentMarkers.REQUIREMENTS_SUMMARY.length())
            .replaceFirst("^[\\s:*#-]+", "")
            .strip();
    return summary.isEmpty() ? content.strip() : summary;
  }
}
