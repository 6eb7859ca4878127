package dev.ideaforge.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBudgetTest {

  @Test
  void aBudgetIsSpentOnceUsageReachesIt() {
    assertThat(TokenBudget.spent(0, 1000L)).isFalse();
    assertThat(TokenBudget.spent(999, 1000L)).isFalse();
    assertThat(TokenBudget.spent(1000, 1000L)).isTrue();
    assertThat(TokenBudget.spent(5000, 1000L)).isTrue();
  }

  @Test
  void jobsWithoutABudgetAreNeverStopped() {
    assertThat(TokenBudget.spent(Long.MAX_VALUE, null)).isFalse();
  }

  @Test
  void theMessageSaysHowToGoOn() {
    assertThat(TokenBudget.pausedMessage(1200, 1000))
        .contains("1200 of its 1000 tokens")
        .contains("token_budget")
        .contains("resume");
  }
}
