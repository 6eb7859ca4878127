package dev.ideaforge.worker.agents;

/** The plain-text markers the prompts ask every model to use, so replies can be read reliably. */
public final class AgentMarkers {

  /** Starts the requirements summary in a Client Relations reply. */
  public static final String REQUIREMENTS_SUMMARY = "REQUIREMENTS_SUMMARY";

  /** Prefix of an instruction the system adds to a conversation (not the user's own words). */
  public static final String SYSTEM_NOTE = "SYSTEM NOTE:";

  /** Ends an executive's turn: {@code AGREEMENT: yes} or {@code AGREEMENT: no}. */
  public static final String AGREEMENT = "AGREEMENT:";

  /** The discussion round in an executive's instruction, e.g. {@code ROUND: 2/3}. */
  public static final String ROUND = "ROUND:";

  /**
   * Heads the client's comments in an executive's or the Secretary's instruction, one per line
   * starting with {@code - } (see {@code prompts/executive-comments.txt}).
   */
  public static final String CLIENT_COMMENTS = "Comments from the client";

  /** Heads the client's change request in a revision's instruction. */
  public static final String CHANGE_REQUEST = "Change request from the client:";

  /** Heads the PRD being revised in a revision's instruction (its JSON on the next line). */
  public static final String CURRENT_PRD = "Current PRD (version ";

  private AgentMarkers() {}
}
