package dev.ideaforge.worker.recovery;

import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Decides the recovery mode once, at startup. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ideaforge.worker.enabled", matchIfMissing = true)
class RecoveryConfiguration {

  private static final Logger log = LoggerFactory.getLogger(RecoveryConfiguration.class);

  @Bean
  EffectiveRecovery effectiveRecovery(RecoverySettings settings, WorkflowClient client) {
    RecoveryMode mode = settings.mode();
    if (mode == RecoveryMode.AUTO) {
      mode = detect(client);
    }
    EffectiveRecovery effective = EffectiveRecovery.of(settings, mode);
    log.info(
        "Recovery mode {} (configured {}), workflow cache size {}",
        effective.mode(),
        settings.mode(),
        effective.workflowCacheSize());
    return effective;
  }

  /**
   * A real Temporal server reports its version in GetSystemInfo; the SDK's Java test server leaves
   * it empty (and answers UNIMPLEMENTED to CountWorkflowExecutions). When the service cannot be
   * asked, test-server mode is assumed: its sweep and watchdog are safe on a cluster too, only
   * wasteful.
   */
  static RecoveryMode detect(WorkflowClient client) {
    try {
      String version =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
              .getServerVersion();
      return version.isBlank() ? RecoveryMode.TEST_SERVER : RecoveryMode.CLUSTER;
    } catch (StatusRuntimeException e) {
      log.warn(
          "Could not ask Temporal what it is ({}); assuming the Java test server. Set"
              + " TEMPORAL_RECOVERY_MODE to choose.",
          e.getStatus());
      return RecoveryMode.TEST_SERVER;
    }
  }
}
