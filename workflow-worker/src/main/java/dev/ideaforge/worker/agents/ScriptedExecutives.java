package dev.ideaforge.worker.agents;

import dev.ideaforge.model.Json;
import dev.ideaforge.worker.agents.Requirements.Topic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scripted CEO, CTO and Secretary. They read the requirements from the turn's instruction (see
 * {@code prompts/executive-turn.txt}): the CEO proposes an MVP, the CTO answers with a stack and a
 * scope cut, they settle in the second round, and the Secretary turns it all into a PRD.
 */
final class ScriptedExecutives {

  private static final Pattern ROUND = Pattern.compile(AgentMarkers.ROUND + "\\s*(\\d+)\\s*/");
  private static final Set<String> NAME_STOPWORDS =
      Set.of(
          "a",
          "an",
          "the",
          "app",
          "application",
          "tool",
          "platform",
          "that",
          "to",
          "for",
          "which",
          "i",
          "want",
          "build",
          "me",
          "my",
          "we",
          "need",
          "like",
          "would",
          "simple",
          "web",
          "mobile",
          "website",
          "make",
          "create",
          "where",
          "with",
          "and",
          "of",
          "is",
          "it",
          "let",
          "lets");

  private ScriptedExecutives() {}

  static String discuss(Agent agent, String instruction) {
    String change = changeRequest(instruction);
    return addressComments(agent, comments(instruction))
        + (change == null ? argue(agent, instruction) : argueChange(agent, instruction, change));
  }

  /** The client's change request in a revision's instruction, or null for a first PRD. */
  static String changeRequest(String instruction) {
    int start = instruction.indexOf(AgentMarkers.CHANGE_REQUEST);
    if (start < 0) {
      return null;
    }
    String rest = instruction.substring(start + AgentMarkers.CHANGE_REQUEST.length());
    int end = rest.indexOf("\n\n" + AgentMarkers.CURRENT_PRD);
    return (end < 0 ? rest : rest.substring(0, end)).strip();
  }

  /** The version number of the PRD a revision's instruction changes (0 when it names none). */
  private static int currentVersion(String instruction) {
    Matcher m =
        Pattern.compile(Pattern.quote(AgentMarkers.CURRENT_PRD) + "(\\d+)").matcher(instruction);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** The PRD a revision's instruction changes, or null when it holds none that parses. */
  private static ObjectNode currentPrd(String instruction) {
    int start = instruction.indexOf(AgentMarkers.CURRENT_PRD);
    if (start < 0) {
      return null;
    }
    String rest = instruction.substring(start);
    int open = rest.indexOf('{');
    int end = rest.indexOf("\n\n");
    if (open < 0 || end < open) {
      return null;
    }
    try {
      return Json.parse(rest.substring(open, end)) instanceof ObjectNode prd
              && prd.path("name").isString()
          ? prd
          : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The executives agree on a change request in one round, each saying what it means. */
  private static String argueChange(Agent agent, String instruction, String change) {
    Requirements req = Requirements.parse(section(instruction, "Requirements summary:"));
    String quoted = "\"" + change.replaceAll("\\s+", " ") + "\"";
    if (agent == Agent.CEO) {
      return "The client asks us to change version "
          + currentVersion(instruction)
          + " of the PRD: "
          + quoted
          + ". It serves the users we chose, so I want it in the next version, inside the MVP"
          + " scope; everything we decided before stands.\n"
          + AgentMarkers.AGREEMENT
          + " yes";
    }
    return "Feasible on the stack we chose ("
        + stack(req)
        + "): I add "
        + quoted
        + " as a must-have requirement and a deliverable of the first milestone. The rest of"
        + " the plan stands.\n"
        + AgentMarkers.AGREEMENT
        + " yes";
  }

  /**
   * The next version of the PRD: the current one with the change request worked in (a requirement,
   * the MVP scope, a goal and the first milestone).
   */
  private static String revisePrd(String instruction, String change) {
    ObjectNode prd = currentPrd(instruction);
    if (prd == null) {
      prd = (ObjectNode) Json.parse(firstPrd(instruction));
    }
    int next = currentVersion(instruction) + 1;
    String text = change.replaceAll("\\s+", " ");
    ArrayNode functional =
        prd.path("functional_requirements") instanceof ArrayNode a
            ? a
            : prd.putArray("functional_requirements");
    ObjectNode fr = functional.addObject();
    fr.put("id", "FR-" + functional.size());
    fr.put("description", "Change request (version " + next + "): " + text);
    fr.put("priority", "must");
    ObjectNode scope =
        prd.path("mvp_scope") instanceof ObjectNode o ? o : prd.putObject("mvp_scope");
    (scope.path("in") instanceof ArrayNode in ? in : scope.putArray("in")).add(text);
    (prd.path("goals") instanceof ArrayNode g ? g : prd.putArray("goals"))
        .add("Version " + next + ": " + text);
    if (prd.path("milestones").path(0).path("deliverables") instanceof ArrayNode d) {
      d.add(text);
    }
    for (String comment : comments(instruction)) {
      ObjectNode c = functional.addObject();
      c.put("id", "FR-" + functional.size());
      c.put("description", "Client comment: " + comment);
      c.put("priority", "should");
    }
    return Json.write(prd);
  }

  /**
   * The client's comments in an instruction (see {@code prompts/executive-comments.txt}), one per
   * line.
   */
  static List<String> comments(String instruction) {
    int start = instruction.indexOf(AgentMarkers.CLIENT_COMMENTS);
    if (start < 0) {
      return List.of();
    }
    List<String> comments = new ArrayList<>();
    for (String line : instruction.substring(start).split("\\R")) {
      if (line.startsWith("- ")) {
        comments.add(line.substring(2).strip());
      }
    }
    return comments;
  }

  /** What an executive says to each comment before going on with the discussion. */
  private static String addressComments(Agent agent, List<String> comments) {
    StringBuilder text = new StringBuilder();
    for (String comment : comments) {
      text.append("On the client's comment \"").append(comment).append("\": ");
      text.append(
          agent == Agent.CEO
              ? "good point, we take it into the plan and check it with the first users."
              : "that is feasible; I fold it into the milestone plan.");
      text.append('\n');
    }
    return text.toString();
  }

  private static String argue(Agent agent, String instruction) {
    Requirements req = Requirements.parse(section(instruction, "Requirements summary:"));
    int round = round(instruction);
    List<String> features = features(req);
    String mvp = String.join(", ", features.subList(0, Math.min(2, features.size())));
    String later =
        features.size() > 2 ? String.join(", ", features.subList(2, features.size())) : null;
    String constraints = req.get(Topic.CONSTRAINTS, null);
    if (agent == Agent.CEO) {
      if (round == 1) {
        return "Let's build "
            + name(req)
            + ". The problem we solve: "
            + sentence(req.get(Topic.PROBLEM, req.idea()))
            + " We start with "
            + req.get(Topic.USERS, "early adopters who feel this problem every week")
            + ". For the first version I want "
            + String.join(", ", features)
            + ". Success after three months means a group of weekly active users who would"
            + " recommend it.\n"
            + AgentMarkers.AGREEMENT
            + " yes";
      }
      return "Agreed: the MVP ships "
          + mvp
          + (later == null ? "" : ", and " + later + " move to the second milestone")
          + "."
          + (constraints == null ? "" : " We keep the constraints in view: " + constraints + ".")
          + " Let's get it in front of users early.\n"
          + AgentMarkers.AGREEMENT
          + " yes";
    }
    String stack = stack(req);
    if (round == 1) {
      return "It is feasible. I would build it as "
          + stack
          + ". My concern is scope"
          + (constraints == null ? "" : " given the constraints (" + constraints + ")")
          + ": I propose the MVP ships "
          + mvp
          + (later == null ? "" : " and " + later + " follows in a second milestone")
          + ", so we learn from real users sooner.\n"
          + AgentMarkers.AGREEMENT
          + " no";
    }
    return "Then we are aligned. I will plan two milestones, set up automated tests and"
        + " monitoring from day one, and review security before launch.\n"
        + AgentMarkers.AGREEMENT
        + " yes";
  }

  /** The PRD as JSON, in the shape {@code prompts/secretary.txt} asks models for. */
  static String writePrd(String instruction) {
    String change = changeRequest(instruction);
    return change == null ? firstPrd(instruction) : revisePrd(instruction, change);
  }

  private static String firstPrd(String instruction) {
    Requirements req = Requirements.parse(section(instruction, "Requirements summary:"));
    List<String> features = features(req);
    String users = req.get(Topic.USERS, "Early adopters who feel the problem every week");
    ObjectNode prd = Json.object();
    prd.put("name", name(req));
    prd.put("problem", req.get(Topic.PROBLEM, req.idea()));
    prd.putArray("target_users").add(users);
    ArrayNode goals = prd.putArray("goals");
    goals.add("Solve: " + req.get(Topic.PROBLEM, req.idea()));
    goals.add("Reach a first group of weekly active users within three months of launch");
    ArrayNode stories = prd.putArray("user_stories");
    ArrayNode functional = prd.putArray("functional_requirements");
    for (int i = 0; i < features.size(); i++) {
      String feature = features.get(i);
      ObjectNode story = stories.addObject();
      story.put("as_a", singular(users));
      story.put("i_want", feature);
      story.put("so_that", "I get value from " + name(req) + " without workarounds");
      ArrayNode criteria = story.putArray("acceptance_criteria");
      criteria.add("Given I am signed in, when I use " + feature + ", then it works end to end");
      criteria.add("Errors are explained in plain language and nothing I entered is lost");
      ObjectNode fr = functional.addObject();
      fr.put("id", "FR-" + (i + 1));
      fr.put("description", capitalize(feature));
      fr.put("priority", i < 2 ? "must" : "should");
    }
    ArrayNode nonFunctional = prd.putArray("non_functional_requirements");
    nonFunctional.add(
        nfr(1, "Pages and screens respond within 300 ms at the 95th percentile", "must"));
    nonFunctional.add(nfr(2, "Personal data is encrypted in transit and at rest", "must"));
    nonFunctional.add(nfr(3, "Available 99.5% of the time, with daily backups", "should"));
    for (String comment : comments(instruction)) {
      ObjectNode fr = functional.addObject();
      fr.put("id", "FR-" + (functional.size()));
      fr.put("description", "Client comment: " + comment);
      fr.put("priority", "should");
    }
    String constraints = req.get(Topic.CONSTRAINTS, null);
    if (constraints != null) {
      nonFunctional.add(nfr(4, "Respects the constraints: " + constraints, "must"));
    }
    ObjectNode scope = prd.putObject("mvp_scope");
    ArrayNode in = scope.putArray("in");
    ArrayNode out = scope.putArray("out");
    for (int i = 0; i < features.size(); i++) {
      (i < 2 ? in : out).add(features.get(i));
    }
    out.add("Native apps for platforms beyond: " + req.get(Topic.PLATFORMS, "the web"));
    ArrayNode stack = prd.putArray("tech_stack");
    stack.add(tech("Client", clientStack(req), "Reaches the platforms the users asked for"));
    stack.add(tech("API", "Spring Boot (Java 17)", "Mature, well-known, easy to hire for"));
    stack.add(tech("Database", "PostgreSQL", "Reliable relational store with JSON support"));
    stack.add(tech("Hosting", "A managed cloud with CI/CD", "Small team, no servers to babysit"));
    ArrayNode milestones = prd.putArray("milestones");
    ObjectNode m1 = milestones.addObject();
    m1.put("name", "M1: MVP");
    m1.put("goal", "First users get value from the core features");
    ArrayNode m1d = m1.putArray("deliverables");
    in.forEach(m1d::add);
    ObjectNode m2 = milestones.addObject();
    m2.put("name", "M2: Grow");
    m2.put("goal", "Round out the product from user feedback");
    ArrayNode m2d = m2.putArray("deliverables");
    for (int i = 2; i < features.size(); i++) {
      m2d.add(features.get(i));
    }
    m2d.add("Feedback-driven improvements");
    ArrayNode risks = prd.putArray("risks");
    ObjectNode adoption = risks.addObject();
    adoption.put("risk", "Users do not adopt it beyond a first try");
    adoption.put("mitigation", "Interview early users every week and measure retention");
    ObjectNode scopeRisk = risks.addObject();
    scopeRisk.put("risk", "Scope grows before the MVP ships");
    scopeRisk.put("mitigation", "Anything outside the MVP scope waits for milestone 2");
    ArrayNode open = prd.putArray("open_questions");
    for (Topic topic : Topic.values()) {
      if (req.get(topic, null) == null) {
        open.add("What are the " + topic.label().toLowerCase(Locale.ROOT) + "?");
      }
    }
    open.add("How will the product make money?");
    return Json.write(prd);
  }

  private static ObjectNode nfr(int n, String description, String priority) {
    ObjectNode node = Json.object();
    node.put("id", "NFR-" + n);
    node.put("description", description);
    node.put("priority", priority);
    return node;
  }

  private static ObjectNode tech(String component, String choice, String rationale) {
    ObjectNode node = Json.object();
    node.put("component", component);
    node.put("choice", choice);
    node.put("rationale", rationale);
    return node;
  }

  static String section(String text, String heading) {
    int start = text.indexOf(heading);
    if (start < 0) {
      return text;
    }
    String rest = text.substring(start + heading.length());
    int end = rest.indexOf("\n\n" + "Discussion");
    return (end < 0 ? rest : rest.substring(0, end)).strip();
  }

  private static int round(String instruction) {
    Matcher m = ROUND.matcher(instruction);
    return m.find() ? Integer.parseInt(m.group(1)) : 1;
  }

  private static List<String> features(Requirements req) {
    String text = req.get(Topic.FEATURES, null);
    if (text == null) {
      return List.of("sign-up and a personal profile", "the core workflow of the idea", "sharing");
    }
    List<String> features = new ArrayList<>();
    for (String part : text.split(",|;|\\band\\b|\\R")) {
      String feature = part.strip().replaceFirst("^[0-9]+[.)]\\s*", "").replaceAll("[.]$", "");
      if (!feature.isEmpty()) {
        features.add(feature);
      }
    }
    return features.isEmpty() ? List.of(text) : features;
  }

  private static String stack(Requirements req) {
    return clientStack(req) + " with a Spring Boot API on PostgreSQL, deployed on a managed cloud";
  }

  private static String clientStack(Requirements req) {
    String platforms =
        (" " + req.get(Topic.PLATFORMS, "") + " " + req.idea()).toLowerCase(Locale.ROOT);
    List<String> parts = new ArrayList<>();
    if (platforms.contains("ios")
        || platforms.contains("android")
        || platforms.contains("mobile")
        || platforms.contains("iphone")) {
      parts.add("React Native (Expo) for iOS and Android");
    }
    if (platforms.contains("desktop")) {
      parts.add("Tauri for the desktop");
    }
    if (parts.isEmpty() || platforms.contains(" web") || platforms.contains("browser")) {
      parts.add(0, "a responsive React + TypeScript web app");
    }
    return String.join(" and ", parts);
  }

  static String name(Requirements req) {
    List<String> words =
        Arrays.stream(req.idea().split("[^\\p{L}\\p{N}'-]+"))
            .filter(w -> !w.isBlank() && !NAME_STOPWORDS.contains(w.toLowerCase(Locale.ROOT)))
            .limit(2)
            .map(ScriptedExecutives::capitalize)
            .toList();
    return words.isEmpty() ? "The Product" : String.join(" ", words);
  }

  private static String capitalize(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private static String sentence(String text) {
    String t = text.strip();
    return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
  }

  private static String singular(String users) {
    String first = users.split("[,;]")[0].strip();
    return first.isEmpty() ? "user" : first;
  }
}
