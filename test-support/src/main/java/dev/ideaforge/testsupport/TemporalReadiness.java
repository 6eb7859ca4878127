package dev.ideaforge.testsupport;

import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Waits until a Temporal service really serves: the {@code default} namespace answers and the
 * custom search attributes are registered. An open port is not enough: the dev server listens
 * before its namespace and attributes exist, and a worker that polls then fails its first tasks.
 */
final class TemporalReadiness {

  private TemporalReadiness() {}

  static void await(
      String target, List<String> attributes, Process process, Duration timeout, Path log) {
    Set<String> names =
        attributes.stream().map(a -> a.substring(0, a.indexOf('='))).collect(Collectors.toSet());
    WorkflowServiceStubs workflow =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    // With defaults filled in: the builder's plain build() leaves the metrics scope null, which
    // the stubs' constructor does not accept (SDK 1.38).
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(workflow.getRawChannel())
                .validateAndBuildWithDefaults());
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    try {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "The Temporal dev server on " + target + " exited; see " + log);
        }
        try {
          workflow
              .blockingStub()
              .withDeadlineAfter(2, TimeUnit.SECONDS)
              .describeNamespace(
                  DescribeNamespaceRequest.newBuilder().setNamespace("default").build());
          Set<String> registered =
              operator
                  .blockingStub()
                  .withDeadlineAfter(2, TimeUnit.SECONDS)
                  .listSearchAttributes(
                      ListSearchAttributesRequest.newBuilder().setNamespace("default").build())
                  .getCustomAttributesMap()
                  .keySet();
          if (registered.containsAll(names)) {
            return;
          }
          last = "search attributes registered so far: " + registered;
        } catch (RuntimeException e) {
          last = e.getMessage(); // not serving yet
        }
        sleep(100);
      }
      throw new IllegalStateException(
          "The Temporal dev server on "
              + target
              + " did not serve within "
              + timeout
              + " ("
              + last
              + "); see "
              + log);
    } finally {
      operator.shutdownNow();
      workflow.shutdownNow();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
