package dev.ideaforge.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The api-server's packages depend in one direction: the feature packages that serve requests
 * (apps, jobs, realtime) on messages, auth and the Temporal gateway (workflows), those on limits,
 * and everything on web (errors, request parsing). A feature never reaches into another feature.
 */
class ArchitectureTest {

  private static final JavaClasses API =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.ideaforge.api");

  @Test
  void packagesDependInTheIntendedDirectionsOnly() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("features")
        .definedBy(
            "dev.ideaforge.api.apps..",
            "dev.ideaforge.api.console..",
            "dev.ideaforge.api.jobs..",
            "dev.ideaforge.api.realtime..")
        .layer("messages")
        .definedBy("dev.ideaforge.api.messages..")
        .layer("auth")
        .definedBy("dev.ideaforge.api.auth..")
        .layer("workflows")
        .definedBy("dev.ideaforge.api.workflows..")
        .layer("limits")
        .definedBy("dev.ideaforge.api.limits..")
        .layer("web")
        .definedBy("dev.ideaforge.api.web..")
        .whereLayer("features")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("messages")
        .mayOnlyBeAccessedByLayers("features")
        .whereLayer("auth")
        .mayOnlyBeAccessedByLayers("features", "messages")
        .whereLayer("workflows")
        .mayOnlyBeAccessedByLayers("features", "messages")
        .whereLayer("limits")
        .mayOnlyBeAccessedByLayers("features", "messages", "auth")
        .whereLayer("web")
        .mayOnlyBeAccessedByLayers("features", "messages", "auth", "workflows", "limits")
        .check(API);
  }

  @Test
  void noFeatureReachesIntoAnother() {
    // The layers above allow access within a layer; features are independent of each other
    // (the socket relay learns of new events through the event log and Redis, not from jobs).
    List<String> features = List.of("apps", "console", "jobs", "realtime");
    for (String feature : features) {
      noClasses()
          .that()
          .resideInAPackage("dev.ideaforge.api." + feature + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              features.stream()
                  .filter(other -> !other.equals(feature))
                  .map(other -> "dev.ideaforge.api." + other + "..")
                  .toArray(String[]::new))
          .check(API);
    }
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dev.ideaforge.api.(*)..").should().beFreeOfCycles().check(API);
  }

  @Test
  void onlyTheWorkflowsGatewayTalksToTemporal() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.ideaforge.api.workflows..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.temporal.client..")
        .check(API);
  }
}
