package dev.ideaforge.model.workflow;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where jobs run in Temporal. Both processes must agree on these.
 *
 * @param taskQueue the queue of job workflows and Client Relations activities
 * @param executiveTaskQueue the queue of the executive discussion's activities, so long executive
 *     turns never delay a chat reply
 * @param rpcTimeout how long a call to Temporal (start, signal, cancel) may take before the API
 *     gives up and answers 503
 * @param searchAttributes whether jobs' workflows carry {@link JobSearchAttributes} (owner, status,
 *     paused) for operators: {@code auto} (when the namespace has them registered), {@code on} or
 *     {@code off}
 */
@Validated
@ConfigurationProperties("ideaforge.temporal")
public record TemporalSettings(
    @NotBlank String taskQueue,
    @NotBlank String executiveTaskQueue,
    @DefaultValue("5s") Duration rpcTimeout,
    @DefaultValue("auto") SearchAttributesMode searchAttributes) {

  public TemporalSettings {
    // Here rather than in @DefaultValue: an empty variable (application.yml maps an unset one
    // to empty) binds a String as "", which @DefaultValue does not replace.
    taskQueue = orDefault(taskQueue, "ideaforge-jobs");
    executiveTaskQueue = orDefault(executiveTaskQueue, "ideaforge-executive");
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
