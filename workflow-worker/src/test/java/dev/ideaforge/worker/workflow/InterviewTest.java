package dev.ideaforge.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.jobs.MessageRole;
import dev.ideaforge.worker.workflow.Interview.Line;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The interview's rules, without a database or Temporal. */
class InterviewTest {

  static final UUID JOB = UUID.fromString("00000000-0000-0000-0000-000000000001");

  static Line user(long position) {
    return new Line("u" + position, position, MessageRole.USER, "answer " + position, null, 0);
  }

  static Line reply(long position, int turn, long answeredThrough) {
    return new Line(
        "a" + position,
        position,
        MessageRole.AGENT,
        "question",
        Interview.turnKey(JOB, turn),
        answeredThrough);
  }

  @Test
  void messagesAReplyWasNotWrittenFromStayUnanswered() {
    // Position 3 arrived while turn 2 was being written from positions 1–2.
    List<Line> transcript = List.of(user(1), reply(2, 1, 1), user(3), user(4), reply(5, 2, 3));
    assertThat(Interview.unanswered(transcript)).extracting(Line::position).containsExactly(4L);
  }

  @Test
  void everyUserMessageAfterTheLastReplyIsAnsweredTogether() {
    List<Line> transcript = List.of(user(1), reply(2, 1, 1), user(3), user(4));
    assertThat(Interview.unanswered(transcript)).extracting(Line::position).containsExactly(3L, 4L);
    assertThat(Interview.hasSomethingToAnswer(transcript, 2, false)).isTrue();
  }

  @Test
  void aLaterTurnWithNothingNewHasNothingToAnswerUnlessThePromptChanged() {
    List<Line> transcript = List.of(user(1), reply(2, 1, 1));
    assertThat(Interview.hasSomethingToAnswer(transcript, 2, false)).isFalse();
    assertThat(Interview.hasSomethingToAnswer(transcript, 2, true)).isTrue();
    assertThat(Interview.hasSomethingToAnswer(List.of(user(1)), 1, false)).isTrue();
  }

  @Test
  void turnsAreCountedByTheirKeysOfThisJob() {
    Line otherJob =
        new Line("x", 9, MessageRole.AGENT, "q", Interview.turnKey(UUID.randomUUID(), 1), 8);
    assertThat(Interview.turnsTaken(JOB, List.of(user(1), reply(2, 1, 1), user(3), otherJob)))
        .isEqualTo(1);
    assertThat(Interview.turnKey(JOB, 3)).isEqualTo(JOB + ":cr:3");
  }

  @Test
  void theAgentMustSummariseAfterTheRoundCapNotCountingTheIdea() {
    List<Line> twoAnswers = List.of(user(1), reply(2, 1, 1), user(3), reply(4, 2, 3), user(5));
    assertThat(Interview.mustSummarise(twoAnswers, 2)).isTrue();
    assertThat(Interview.mustSummarise(twoAnswers, 3)).isFalse();
  }

  @Test
  void aUserMessageAfterTheTranscriptASummaryWasWrittenFromSupersedesIt() {
    List<Line> now = List.of(user(1), reply(2, 1, 1), user(3), user(4));
    assertThat(Interview.userSpokeSince(now, 3)).isTrue();
    assertThat(Interview.userSpokeSince(now, 4)).isFalse();
    assertThat(Interview.lastPosition(now)).isEqualTo(4);
  }

  @Test
  void theSummaryFollowsItsMarker() {
    assertThat(Interview.summaryIn("Thanks!\nREQUIREMENTS_SUMMARY:\n- Problem: x", false))
        .isEqualTo("Problem: x");
    assertThat(Interview.summaryIn("Which platforms?", false)).isNull();
    // Asked to summarise, an answer without the marker is the summary.
    assertThat(Interview.summaryIn(" Problem: x ", true)).isEqualTo("Problem: x");
  }
}
