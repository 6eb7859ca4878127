package dev.ideaforge.model.workflow;

import dev.ideaforge.model.jobs.Job;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.util.List;

/**
 * The custom search attributes operators find jobs by in the Temporal UI and CLI, e.g. {@code
 * IdeaforgeStatus="running"} or {@code IdeaforgeOwner="<user id>"}. They are set when a job's
 * workflow starts and kept up to date by the workflow on every change of status or pause.
 *
 * <p>A namespace must have them registered before a workflow sets them (an unknown one fails the
 * start, and an upsert of one fails the workflow task): the dev server {@code scripts/run} starts
 * registers them with {@code --search-attribute}, compose's {@code temporal-setup} and a cluster's
 * operator with {@code temporal operator search-attribute create} (README, "Operating").
 */
public final class JobSearchAttributes {

  /** The id of the user who owns the job. */
  public static final SearchAttributeKey<String> OWNER =
      SearchAttributeKey.forKeyword("IdeaforgeOwner");

  /** The job's phase: collecting, queued, running, done, failed (and cancelled: deleted). */
  public static final SearchAttributeKey<String> STATUS =
      SearchAttributeKey.forKeyword("IdeaforgeStatus");

  /** Whether the job waits for its owner to resume it. */
  public static final SearchAttributeKey<Boolean> PAUSED =
      SearchAttributeKey.forBoolean("IdeaforgePaused");

  public static final List<SearchAttributeKey<?>> ALL = List.of(OWNER, STATUS, PAUSED);

  private JobSearchAttributes() {}

  /** The attributes of a job's workflow as its row stands. */
  static SearchAttributes of(Job job) {
    return SearchAttributes.newBuilder()
        .set(OWNER, job.getUserId().toString())
        .set(STATUS, job.getStatus().value())
        .set(PAUSED, job.isPaused())
        .build();
  }

  /** The server's name of a key's type, as {@code temporal operator search-attribute create}. */
  static String typeName(SearchAttributeKey<?> key) {
    return switch (key.getValueType()) {
      case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
      case INDEXED_VALUE_TYPE_BOOL -> "Bool";
      case INDEXED_VALUE_TYPE_TEXT -> "Text";
      case INDEXED_VALUE_TYPE_INT -> "Int";
      case INDEXED_VALUE_TYPE_DOUBLE -> "Double";
      case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
      case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
      case INDEXED_VALUE_TYPE_UNSPECIFIED, UNRECOGNIZED -> key.getValueType().name();
    };
  }
}
