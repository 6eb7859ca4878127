package dev.ideaforge.model.workflow;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where jobs run in Temporal. Both processes must agree on the task queues.
 *
 * @param taskQueue the queue of job workflows and Client Relations activities
 * @param executiveTaskQueue the queue of the executive discussion's activities, so long executive
 *     turns never delay a chat reply
 * @param rpcTimeout how long a call to Temporal (start, signal, cancel) may take before the API
 *     gives up and answers 503
 */
@Validated
@ConfigurationProperties("ideaforge.temporal")
public record TemporalSettings(
    @DefaultValue("ideaforge-jobs") @NotBlank String taskQueue,
    @DefaultValue("ideaforge-executive") @NotBlank String executiveTaskQueue,
    @DefaultValue("5s") Duration rpcTimeout) {}
