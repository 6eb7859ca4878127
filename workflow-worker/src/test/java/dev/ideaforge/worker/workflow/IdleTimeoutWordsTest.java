package dev.ideaforge.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the closed interview's reason names the idle timeout to the user. */
class IdleTimeoutWordsTest {

  @Test
  void everyTimeoutIsNamedInItsLargestWholeUnit() {
    assertThat(JobWorkflowImpl.describe(Duration.ofSeconds(8))).isEqualTo("8 seconds");
    assertThat(JobWorkflowImpl.describe(Duration.ofMinutes(1))).isEqualTo("1 minute");
    assertThat(JobWorkflowImpl.describe(Duration.ofMinutes(90))).isEqualTo("90 minutes");
    assertThat(JobWorkflowImpl.describe(Duration.ofHours(2))).isEqualTo("2 hours");
    assertThat(JobWorkflowImpl.describe(Duration.ofDays(7))).isEqualTo("7 days");
  }
}
