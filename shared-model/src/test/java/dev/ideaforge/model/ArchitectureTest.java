package dev.ideaforge.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shared model is what both services agree on, so it depends on neither, and its job events
 * (the wire format of the sockets) depend on nothing else of it.
 */
class ArchitectureTest {

  private static final JavaClasses MODEL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.ideaforge.model");

  @Test
  void theSharedModelDependsOnNeitherService() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.ideaforge.api..", "dev.ideaforge.worker..")
        .check(MODEL);
  }

  @Test
  void eventsDependOnNoOtherPartOfTheModel() {
    noClasses()
        .that()
        .resideInAPackage("dev.ideaforge.model.events..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.ideaforge.model.jobs..",
            "dev.ideaforge.model.users..",
            "dev.ideaforge.model.ops..",
            "dev.ideaforge.model.workflow..")
        .check(MODEL);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dev.ideaforge.model.(*)..").should().beFreeOfCycles().check(MODEL);
  }
}
