package dev.ideaforge.model.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobWorkflowOptionsTest {

  @Test
  void theIdeaIsThePromptsFirstNonBlankLine() {
    assertThat(JobWorkflowOptions.ideaOf("\n \n  A habit tracker  \nwith streaks"))
        .isEqualTo("A habit tracker");
    assertThat(JobWorkflowOptions.ideaOf("tabs\tand\u0007bells")).isEqualTo("tabs and bells");
    assertThat(JobWorkflowOptions.ideaOf("")).isEmpty();
    assertThat(JobWorkflowOptions.ideaOf(null)).isEmpty();
  }

  @Test
  void aLongIdeaIsShortenedWithoutSplittingACharacter() {
    String idea = JobWorkflowOptions.ideaOf("😀".repeat(200));

    assertThat(idea.codePointCount(0, idea.length())).isEqualTo(JobWorkflowOptions.IDEA_LENGTH);
    assertThat(idea).endsWith("😀…");
    assertThat(JobWorkflowOptions.ideaOf("😀".repeat(70))).isEqualTo("😀".repeat(70));
  }
}
