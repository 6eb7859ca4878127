package dev.ideaforge.model.ops;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code temporal} in health and readiness: whether the Temporal frontend answers. Without it the
 * api-server cannot start or signal jobs and the worker cannot run them.
 */
@Component("temporal")
class TemporalHealthIndicator extends AbstractHealthIndicator {

  private final ObjectProvider<WorkflowServiceStubs> stubs;

  TemporalHealthIndicator(ObjectProvider<WorkflowServiceStubs> stubs) {
    super("Temporal health check failed");
    this.stubs = stubs;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    WorkflowServiceStubs service = stubs.getObject();
    var info =
        service
            .blockingStub()
            .withDeadlineAfter(2, TimeUnit.SECONDS)
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    builder.up().withDetail("serverVersion", info.getServerVersion());
  }
}
