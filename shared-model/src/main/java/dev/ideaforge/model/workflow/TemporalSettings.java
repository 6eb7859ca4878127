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
 * @param statusSearchAttribute a Keyword search attribute set to the job's phase from the
 *     workflow's start on (e.g. {@code IdeaforgeJobStatus}, registered by the compose setup); empty
 *     = off, for servers where it is not registered (the Java test server)
 */
@Validated
@ConfigurationProperties("ideaforge.temporal")
public record TemporalSettings(
    @NotBlank String taskQueue,
    @NotBlank String executiveTaskQueue,
    @DefaultValue("5s") Duration rpcTimeout,
    @DefaultValue("") String statusSearchAttribute) {

  public TemporalSettings {
    // Here rather than in @DefaultValue: an empty variable (application.yml maps an unset one
    // to empty) binds a String as "", which @DefaultValue does not replace.
    taskQueue = orDefault(taskQueue, "ideaforge-jobs");
    executiveTaskQueue = orDefault(executiveTaskQueue, "ideaforge-executive");
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  /** The attribute's name, or empty when it is off. */
  public String statusSearchAttributeName() {
    return statusSearchAttribute == null ? "" : statusSearchAttribute.strip();
  }
}
