package dev.ideaforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forty jobs of four users, interviewed over their sockets, while one part of the system is
 * SIGKILLed and restarted: the worker (twice), the Temporal service (it keeps its state), the
 * api-server. On the defaults a user runs, every job the users have is done within three minutes of
 * the first job's creation, and nothing is stored twice.
 */
class CrashUnderLoadDrillTest {

  static final int JOBS = 40;
  static final Duration DONE_WITHIN = Duration.ofMinutes(3);

  /** When the fault lands: this many jobs created, the rest of the burst still to come. */
  static final int KILL_AFTER = 10;

  static IdeaforgeSystem system;
  JobFleet fleet;

  @BeforeAll
  static void start() {
    // Each scripted answer takes a moment, so a kill lands while turns are in flight.
    system = new IdeaforgeSystem(Map.of("LLM_SCRIPTED_DELAY", "300ms")).start();
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
  }

  @BeforeEach
  void users() {
    fleet = new JobFleet(system.apiBaseUrl(), 4);
  }

  @AfterEach
  void closeFleet() {
    if (fleet != null) {
      fleet.close();
    }
  }

  @Test
  void workerKilledInTheBurstAndRightAfterItsRestartLosesNoJob() {
    ServiceProcess worker = system.worker();
    burstWith(
        worker::kill,
        () -> {
          worker.start().awaitReady(IdeaforgeSystem.STARTUP);
          // Its successor is killed as soon as it is healthy, with tasks just handed to it.
          worker.kill();
          worker.start().awaitReady(IdeaforgeSystem.STARTUP);
        });
  }

  @Test
  void temporalServiceKilledAndRestartedMidBurstKeepsEveryJob() {
    // Same port, same SQLite file: the workflows and their histories are all still there.
    burstWith(system.temporal()::kill, system.temporal()::start);
  }

  /**
   * A POST cut by the kill may have stored a job its user never got an answer for: it is theirs all
   * the same (they see it in their list and answer it), and it must be done too.
   */
  @Test
  void apiServerKilledAndRestartedMidBurstLeavesEveryJobOfTheUsersDone() {
    ServiceProcess api = system.api();
    burstWith(api::kill, () -> api.start().awaitReady(IdeaforgeSystem.STARTUP));
  }

  /** The burst of {@link #JOBS} jobs with {@code kill} landing in it, then {@code restart}. */
  private void burstWith(Runnable kill, Runnable restart) {
    fleet.createInBackground(JOBS).awaitCreated(KILL_AFTER, Duration.ofSeconds(30));
    kill.run();
    assertThat(fleet.created()).as("jobs created when the kill landed").isLessThan(JOBS);
    restart.run();

    fleet.awaitBurstEnd(Duration.ofSeconds(60));
    fleet.awaitAllDone(DONE_WITHIN);
    fleet.assertAllDoneOnce(JOBS);
  }
}
