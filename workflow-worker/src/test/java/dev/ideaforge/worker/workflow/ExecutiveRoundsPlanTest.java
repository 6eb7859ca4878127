package dev.ideaforge.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.JobStep;
import dev.ideaforge.model.jobs.JobStepRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The executive rounds are fixed per job, so a deploy cannot change a running discussion. */
@TestPropertySource(properties = "ideaforge.agents.max-executive-rounds=1")
class ExecutiveRoundsPlanTest extends WorkflowTestBase {

  @Autowired JobStepRepository steps;

  @Test
  void aJobRunsTheRoundsConfiguredWhenItWasFirstPlanned() {
    Job job = createQueuedJob(ExecutiveSlotQueueTest.REQUIREMENTS);
    start(job);
    awaitCompletion(job);

    assertThat(status(job)).isEqualTo(JobStatus.DONE);
    // Round 1 ends without agreement; one round is all this job has.
    assertThat(steps.findByJobIdOrderByOrderAsc(job.getId()))
        .extracting(JobStep::getAgentName)
        .containsExactly("CEO", "CTO", "Secretary");
    recordHistory(job, "one-executive-round");
  }

  @Test
  void aJobPlannedBeforeADeployKeepsItsRounds() {
    Job job = createQueuedJob(ExecutiveSlotQueueTest.REQUIREMENTS);
    // Planned by a worker that had two rounds configured, before this one was deployed.
    tx.executeWithoutResult(
        s -> jobs.findForUpdate(job.getId()).orElseThrow().planExecutiveRounds(2));
    start(job);
    awaitCompletion(job);

    assertThat(steps.findByJobIdOrderByOrderAsc(job.getId()))
        .extracting(JobStep::getAgentName)
        .containsExactly("CEO", "CTO", "CEO", "CTO", "Secretary");
  }
}
