package dev.ideaforge.worker.workflow;

import dev.ideaforge.model.Json;
import dev.ideaforge.model.jobs.JobStep;
import dev.ideaforge.worker.agents.AgentMarkers;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of the executive discussion: how a turn's agreement is read, how the discussion so far
 * is shown to the next speaker, and how steps are numbered. No database, no Temporal.
 */
final class Discussion {

  static final String AGREES = "agrees";

  private static final Pattern AGREEMENT =
      Pattern.compile("(?im)^\\W*" + AgentMarkers.AGREEMENT + "\\W*(yes|no)\\b.*$");

  private Discussion() {}

  /**
   * An executive's answer, read.
   *
   * @param content what the executive said, without the agreement line
   * @param agrees the last agreement line said yes (no line = no agreement)
   */
  record Verdict(String content, boolean agrees) {}

  static Verdict read(String reply) {
    Matcher m = AGREEMENT.matcher(reply);
    boolean agrees = false;
    int cut = -1;
    while (m.find()) {
      agrees = m.group(1).equalsIgnoreCase("yes");
      cut = m.start();
    }
    return new Verdict((cut >= 0 ? reply.substring(0, cut) : reply).strip(), agrees);
  }

  /** The agreement a stored step recorded. */
  static boolean agrees(JobStep step) {
    return Json.parse(step.getMetadata()).path(AGREES).asBoolean(false);
  }

  /** Step order of the CEO's turn in a round (the CTO speaks right after). */
  static int ceoOrder(int round) {
    return ceoOrder(0, round);
  }

  /**
   * Step order of the CEO's turn in a round of a discussion that follows the step {@code base} (a
   * change request's discussion goes on numbering after the previous one).
   */
  static int ceoOrder(int base, int round) {
    return base + 2 * round - 1;
  }

  /** Step order of the Secretary's PRD after {@code roundsHeld} rounds. */
  static int secretaryOrder(int roundsHeld) {
    return secretaryOrder(0, roundsHeld);
  }

  static int secretaryOrder(int base, int roundsHeld) {
    return base + 2 * roundsHeld + 1;
  }

  /** The discussion so far, as the next speaker reads it. */
  static String transcript(List<JobStep> discussion) {
    if (discussion.isEmpty()) {
      return "(nobody has spoken yet)";
    }
    StringBuilder text = new StringBuilder();
    for (JobStep step : discussion) {
      text.append(step.getAgentName()).append(": ").append(step.getMessage()).append("\n\n");
    }
    return text.toString().strip();
  }
}
