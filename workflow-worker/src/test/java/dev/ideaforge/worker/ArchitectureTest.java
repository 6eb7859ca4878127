package dev.ideaforge.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ideaforge.model.workflow.JobWorkflow;
import jakarta.persistence.Entity;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Controller;

/**
 * The worker's packages depend in one direction: workflow (the job workflow and its activities) on
 * agents (the model calls) and recovery; agents and recovery never on workflow. The worker serves
 * no API: it has no controllers and knows nothing of the api-server. The workflow code itself stays
 * deterministic: no Spring, no database, no clock or randomness of its own.
 */
class ArchitectureTest {

  private static final JavaClasses WORKER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.ideaforge.worker");

  @Test
  void agentsAndRecoveryNeverDependOnTheWorkflowPackage() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.ideaforge.worker.agents..", "dev.ideaforge.worker.recovery..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.ideaforge.worker.workflow..")
        .check(WORKER);
    noClasses()
        .that()
        .resideInAPackage("dev.ideaforge.worker.agents..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.ideaforge.worker.recovery..")
        .check(WORKER);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dev.ideaforge.worker.(*)..").should().beFreeOfCycles().check(WORKER);
  }

  @Test
  void theWorkerServesNoApi() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.ideaforge.api..", "org.springframework.web.bind.annotation..")
        .orShould()
        .beAnnotatedWith(Controller.class)
        .check(WORKER);
  }

  @Test
  void theWorkflowCodeIsDeterministic() {
    // A replayed workflow must issue the same commands: what it needs from the world comes
    // through activities, and time and ids through Workflow.currentTimeMillis / randomUUID.
    noClasses()
        .that()
        .implement(JobWorkflow.class)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "jakarta.persistence..", "java.sql..", "io.lettuce..")
        // Values of the model (e.g. JobStatus) are fine; its entities and repositories are not.
        .orShould()
        .dependOnClassesThat()
        .areAnnotatedWith(Entity.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(Repository.class)
        .orShould()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .callMethod(UUID.class, "randomUUID")
        .orShould()
        .callMethod(Thread.class, "sleep", long.class)
        .check(WORKER);
  }
}
