package dev.ideaforge.worker.workflow;

import dev.ideaforge.worker.workflow.Interview.Line;
import java.util.Collection;
import java.util.List;

/**
 * The rules of comments during the discussion: a user message that no agent reply and no step has
 * seen yet is a comment for the next executive turn, which addresses it. No database, no Temporal.
 */
final class Comments {

  private Comments() {}

  /**
   * The last transcript position anyone answered: agent replies (the interview) and steps.
   *
   * @param stepPositions the {@code answered_position} of the steps stored so far (null for steps
   *     stored before comments existed)
   */
  static long seenThrough(List<Line> transcript, Collection<Long> stepPositions) {
    long seen = 0;
    for (Line l : transcript) {
      if (!l.fromUser() && l.answeredPosition() > seen) {
        seen = l.answeredPosition();
      }
    }
    for (Long position : stepPositions) {
      if (position != null && position > seen) {
        seen = position;
      }
    }
    return seen;
  }

  /** The user messages after {@code seenThrough}, oldest first. */
  static List<Line> pending(List<Line> transcript, long seenThrough) {
    return transcript.stream().filter(l -> l.fromUser() && l.position() > seenThrough).toList();
  }

  /** The comments as the prompt lists them: one line each, so none can pose as a marker line. */
  static String asList(List<Line> comments) {
    StringBuilder text = new StringBuilder();
    for (Line c : comments) {
      text.append("- ").append(c.content().replaceAll("\\s+", " ").strip()).append('\n');
    }
    return text.toString().strip();
  }
}
