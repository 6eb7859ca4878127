package dev.ideaforge.model.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobTest {

  private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");

  private static Job runningJob() {
    Job job = new Job(UUID.randomUUID(), "A recipe planner", NOW);
    job.queueWithRequirements("Idea: recipes", NOW);
    job.markRunning(NOW);
    return job;
  }

  /**
   * A pause that lands while the Secretary's last turn is already past its check must not outlive
   * the job: a done job paused could be continued, but its revision would never claim a slot.
   */
  @Test
  void aJobPausedDuringItsLastTurnIsNotPausedOnceDone() {
    Job job = runningJob();
    job.pause(NOW);

    job.markDone(NOW);

    assertThat(job.isPaused()).isFalse();
    job.requestChange("Add a shopping list", 5, NOW);
    assertThat(job.isPaused()).isFalse();
  }

  @Test
  void aFailedJobIsNotPaused() {
    Job job = runningJob();
    job.pause(NOW);

    job.markFailed("The model endpoint refused the request", NOW);

    assertThat(job.isPaused()).isFalse();
  }
}
