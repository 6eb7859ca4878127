package dev.ideaforge.model.jobs;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;

/** A job's lifecycle: collecting → queued → running → done, or failed from any unfinished state. */
public enum JobStatus {
  COLLECTING,
  QUEUED,
  RUNNING,
  DONE,
  FAILED;

  /** The lowercase name used in the database, in JSON and in events. */
  public String value() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public boolean isFinished() {
    return this == DONE || this == FAILED;
  }

  public static JobStatus fromValue(String value) {
    return Arrays.stream(values())
        .filter(s -> s.value().equals(value))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown job status: " + value));
  }

  @Converter(autoApply = true)
  static class DbConverter implements AttributeConverter<JobStatus, String> {
    @Override
    public String convertToDatabaseColumn(JobStatus status) {
      return status == null ? null : status.value();
    }

    @Override
    public JobStatus convertToEntityAttribute(String value) {
      return value == null ? null : fromValue(value);
    }
  }
}
