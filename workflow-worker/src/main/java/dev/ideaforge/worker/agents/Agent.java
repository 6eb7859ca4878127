package dev.ideaforge.worker.agents;

/** The agents of a job, with the name users see and the prompt file each one speaks from. */
public enum Agent {
  CLIENT_RELATIONS("Client Relations", "client-relations"),
  CEO("CEO", "ceo"),
  CTO("CTO", "cto"),
  SECRETARY("Secretary", "secretary");

  private final String displayName;
  private final String promptName;

  Agent(String displayName, String promptName) {
    this.displayName = displayName;
    this.promptName = promptName;
  }

  public String displayName() {
    return displayName;
  }

  public String promptName() {
    return promptName;
  }
}
