package dev.ideaforge.model.workflow;

/**
 * Whether jobs' workflows carry {@link JobSearchAttributes} ({@code TEMPORAL_SEARCH_ATTRIBUTES}).
 */
public enum SearchAttributesMode {
  /** When the namespace has all of them registered (asked once, on the first start). */
  AUTO,
  /** Always: a start fails while one is not registered. */
  ON,
  /** Never, e.g. where nobody may register them. */
  OFF
}
