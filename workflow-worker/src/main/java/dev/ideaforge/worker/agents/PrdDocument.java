package dev.ideaforge.worker.agents;

import dev.ideaforge.model.Json;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Secretary's PRD: read from the model's JSON answer (tolerating code fences and chatter around
 * it), completed with every expected field, and rendered to Markdown for people.
 */
public final class PrdDocument {

  private PrdDocument() {}

  /**
   * The PRD object, or empty when the answer holds no usable PRD (the turn is then retried). The
   * answer may be a structured-output answer or free text with JSON in it; either way the result
   * has exactly the fields of {@link PrdSchema}, every one of them present and of its type.
   */
  public static Optional<ObjectNode> parse(String answer) {
    int start = answer.indexOf('{');
    int end = answer.lastIndexOf('}');
    if (start < 0 || end <= start) {
      return Optional.empty();
    }
    String json = answer.substring(start, end + 1);
    PrdSchema prd;
    try {
      prd = PrdSchema.LENIENT.readValue(json, PrdSchema.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      return Optional.empty();
    }
    if (prd == null || prd.name().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(toJson(prd));
  }

  /** The PRD as the JSON stored in a spec. */
  static ObjectNode toJson(PrdSchema prd) {
    try {
      return (ObjectNode) Json.parse(PrdSchema.LENIENT.writeValueAsString(prd));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("A PRD could not be written as JSON", e);
    }
  }

  public static String toMarkdown(ObjectNode prd) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(text(prd, "name")).append(" — Product Requirements\n\n");
    md.append("## Problem\n\n").append(text(prd, "problem")).append("\n\n");
    bullets(md, "Target users", prd.path("target_users"));
    bullets(md, "Goals", prd.path("goals"));
    md.append("## User stories\n\n");
    for (JsonNode story : prd.path("user_stories")) {
      if (story.isObject()) {
        md.append("- As ")
            .append(article(text(story, "as_a")))
            .append(", I want ")
            .append(text(story, "i_want"))
            .append(", so that ")
            .append(text(story, "so_that"))
            .append(".\n");
        for (JsonNode c : story.path("acceptance_criteria")) {
          md.append("  - [ ] ").append(c.asString()).append('\n');
        }
      } else {
        md.append("- ").append(story.asString()).append('\n');
      }
    }
    md.append('\n');
    requirements(md, "Functional requirements", prd.path("functional_requirements"));
    requirements(md, "Non-functional requirements", prd.path("non_functional_requirements"));
    md.append("## MVP scope\n\n**In:**\n\n");
    list(md, prd.path("mvp_scope").path("in"));
    md.append("\n**Out:**\n\n");
    list(md, prd.path("mvp_scope").path("out"));
    md.append("\n## Tech stack\n\n| Component | Choice | Rationale |\n|---|---|---|\n");
    for (JsonNode t : prd.path("tech_stack")) {
      md.append("| ")
          .append(cell(text(t, "component")))
          .append(" | ")
          .append(cell(text(t, "choice")))
          .append(" | ")
          .append(cell(text(t, "rationale")))
          .append(" |\n");
    }
    md.append("\n## Milestones\n\n");
    for (JsonNode m : prd.path("milestones")) {
      md.append("### ")
          .append(text(m, "name"))
          .append("\n\n")
          .append(text(m, "goal"))
          .append("\n\n");
      list(md, m.path("deliverables"));
      md.append('\n');
    }
    md.append("## Risks\n\n");
    for (JsonNode r : prd.path("risks")) {
      md.append("- **")
          .append(text(r, "risk"))
          .append("** — ")
          .append(text(r, "mitigation"))
          .append('\n');
    }
    md.append('\n');
    bullets(md, "Open questions", prd.path("open_questions"));
    return md.toString().strip() + "\n";
  }

  private static void requirements(StringBuilder md, String title, JsonNode items) {
    md.append("## ").append(title).append("\n\n");
    for (JsonNode r : items) {
      md.append("- **")
          .append(text(r, "id"))
          .append("** (")
          .append(text(r, "priority"))
          .append(") ")
          .append(text(r, "description"))
          .append('\n');
    }
    md.append('\n');
  }

  private static void bullets(StringBuilder md, String title, JsonNode items) {
    md.append("## ").append(title).append("\n\n");
    list(md, items);
    md.append('\n');
  }

  private static void list(StringBuilder md, JsonNode items) {
    for (JsonNode item : items) {
      md.append("- ").append(item.isString() ? item.asString() : Json.write(item)).append('\n');
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() ? value.asString() : "";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  private static String article(String noun) {
    if (noun.isEmpty()) {
      return "a user";
    }
    return ("aeiouAEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }
}
