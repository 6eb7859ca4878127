package dev.ideaforge.api.workflows;

import dev.ideaforge.model.workflow.TemporalSettings;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds every call to Temporal: a request that needs Temporal while it is down fails within {@code
 * ideaforge.temporal.rpc-timeout} with a 503 instead of hanging on retries.
 */
@Configuration(proxyBeanMethods = false)
class TemporalClientConfig {

  @Bean
  TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> boundedTemporalCalls(
      TemporalSettings settings) {
    return builder ->
        builder
            .setRpcTimeout(settings.rpcTimeout())
            // The first call of a fresh connection asks the server for its capabilities.
            .setSystemInfoTimeout(settings.rpcTimeout())
            .setRpcRetryOptions(
                RpcRetryOptions.newBuilder().setExpiration(settings.rpcTimeout()).build());
  }
}
