package dev.ideaforge.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The discussion's and the slot queue's rules, without a database or Temporal. */
class DiscussionTest {

  @Test
  void theLastAgreementLineCountsAndIsCutFromWhatWasSaid() {
    Discussion.Verdict verdict =
        Discussion.read("We ship the MVP.\nAGREEMENT: no\nOn second thought:\n**AGREEMENT: Yes**");
    assertThat(verdict.agrees()).isTrue();
    assertThat(verdict.content()).isEqualTo("We ship the MVP.\nAGREEMENT: no\nOn second thought:");
  }

  @Test
  void noAgreementLineMeansNoAgreement() {
    Discussion.Verdict verdict = Discussion.read("I need to think about it.");
    assertThat(verdict.agrees()).isFalse();
    assertThat(verdict.content()).isEqualTo("I need to think about it.");
  }

  @Test
  void stepsAreNumberedCeoThenCtoPerRoundAndTheSecretaryLast() {
    assertThat(Discussion.ceoOrder(1)).isEqualTo(1);
    assertThat(Discussion.ceoOrder(3)).isEqualTo(5);
    assertThat(Discussion.secretaryOrder(2)).isEqualTo(5);
  }

  @Test
  void aQueuedJobGetsASlotOnlyWhenEveryOlderJobCanHaveOneToo() {
    assertThat(ExecutiveSlots.mayClaim(0, 0, 2)).isTrue();
    assertThat(ExecutiveSlots.mayClaim(0, 1, 2)).isTrue();
    assertThat(ExecutiveSlots.mayClaim(0, 2, 2)).isFalse();
    assertThat(ExecutiveSlots.mayClaim(1, 1, 2)).isFalse();
    assertThat(ExecutiveSlots.mayClaim(2, 0, 2)).isFalse();
    // More running than allowed (the limit was lowered): nobody starts.
    assertThat(ExecutiveSlots.free(5, 2)).isZero();
  }
}
