package dev.ideaforge.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.JobStep;
import dev.ideaforge.model.jobs.JobStepRepository;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CommentDuringDiscussionTest extends WorkflowTestBase {

  static final String COMMENT = "Please add a dark mode for night owls";

  @Autowired JobStepRepository steps;

  @Test
  void aCommentIsAddressedByTheNextExecutiveTurnAndOnlyByIt() throws Exception {
    Job job = createQueuedJob(PauseResumeTest.SUMMARY);
    llm.hold();
    start(job);
    llm.awaitHeldCall(); // the CEO's first turn, written before the comment

    say(job, COMMENT);
    llm.release();
    awaitCompletion(job);

    assertThat(status(job)).isEqualTo(JobStatus.DONE);
    List<JobStep> discussion = steps.findByJobIdOrderByOrderAsc(job.getId());
    assertThat(discussion.get(0).getMessage()).doesNotContain(COMMENT);
    assertThat(discussion.get(1).getAgentName()).isEqualTo("CTO");
    assertThat(discussion.get(1).getMessage())
        .startsWith("On the client's comment \"" + COMMENT + "\": ");
    assertThat(discussion.subList(2, discussion.size()))
        .allSatisfy(s -> assertThat(s.getMessage()).doesNotContain(COMMENT));
    // The comment is in the transcript and the event log like any chat.
    assertThat(
            gaplessEvents(job).stream()
                .filter(e -> e.kind().equals("chat"))
                .anyMatch(e -> e.payload().contains(COMMENT)))
        .isTrue();
  }

  @Test
  void aCommentSentWhileQueuedReachesTheFirstTurn() throws Exception {
    Job job = createQueuedJob(PauseResumeTest.SUMMARY);
    say(job, COMMENT); // signal-with-start: this starts the workflow
    awaitCompletion(job);

    List<JobStep> discussion = steps.findByJobIdOrderByOrderAsc(job.getId());
    assertThat(discussion.get(0).getAgentName()).isEqualTo("CEO");
    assertThat(discussion.get(0).getMessage()).startsWith("On the client's comment \"" + COMMENT);
    assertThat(discussion.get(discussion.size() - 1).getMessage()).doesNotContain(COMMENT);
  }
}
