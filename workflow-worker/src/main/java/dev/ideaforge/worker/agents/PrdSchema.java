package dev.ideaforge.worker.agents;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/**
 * The one schema of a PRD ({@code spec.prd} of every app version), as a typed record: the OpenAI
 * SDK sends it as the Secretary's structured-output format ({@code responseFormat(Class)}), and
 * every PRD, structured or parsed leniently, is normalised through it before it is stored. Its JSON
 * Schema is committed as {@code docs/prd.schema.json} (a test keeps the two equal).
 *
 * <p>Jackson 2 annotations: the OpenAI SDK reads schemas and structured answers with Jackson 2.
 */
@JsonClassDescription("A product requirements document (PRD) for an app idea")
public record PrdSchema(
    @JsonPropertyDescription("The product's name") String name,
    @JsonPropertyDescription("The problem, in two or three sentences") String problem,
    @JsonProperty("target_users") List<String> targetUsers,
    List<String> goals,
    @JsonProperty("user_stories") List<UserStory> userStories,
    @JsonProperty("functional_requirements") List<Requirement> functionalRequirements,
    @JsonProperty("non_functional_requirements") List<Requirement> nonFunctionalRequirements,
    @JsonProperty("mvp_scope") Scope mvpScope,
    @JsonProperty("tech_stack") List<Tech> techStack,
    List<Milestone> milestones,
    List<Risk> risks,
    @JsonProperty("open_questions") List<String> openQuestions) {

  public PrdSchema {
    name = text(name);
    problem = text(problem);
    targetUsers = list(targetUsers);
    goals = list(goals);
    userStories = list(userStories);
    functionalRequirements = list(functionalRequirements);
    nonFunctionalRequirements = list(nonFunctionalRequirements);
    mvpScope = mvpScope == null ? new Scope(null, null) : mvpScope;
    techStack = list(techStack);
    milestones = list(milestones);
    risks = list(risks);
    openQuestions = list(openQuestions);
  }

  public record UserStory(
      @JsonProperty("as_a") String asA,
      @JsonProperty("i_want") String iWant,
      @JsonProperty("so_that") String soThat,
      @JsonProperty("acceptance_criteria") List<String> acceptanceCriteria) {

    public UserStory {
      asA = text(asA);
      iWant = text(iWant);
      soThat = text(soThat);
      acceptanceCriteria = list(acceptanceCriteria);
    }

    /** A model that wrote a story as one sentence: it is what the user wants. */
    @JsonCreator
    static UserStory of(String sentence) {
      return new UserStory("user", sentence, "", List.of());
    }
  }

  public record Requirement(
      String id,
      String description,
      @JsonPropertyDescription("must, should or could") String priority) {

    public Requirement {
      id = text(id);
      description = text(description);
      priority = text(priority);
    }

    @JsonCreator
    static Requirement of(String description) {
      return new Requirement("", description, "should");
    }
  }

  public record Scope(List<String> in, List<String> out) {
    public Scope {
      in = list(in);
      out = list(out);
    }
  }

  public record Tech(String component, String choice, String rationale) {
    public Tech {
      component = text(component);
      choice = text(choice);
      rationale = text(rationale);
    }
  }

  public record Milestone(String name, String goal, List<String> deliverables) {
    public Milestone {
      name = text(name);
      goal = text(goal);
      deliverables = list(deliverables);
    }
  }

  public record Risk(String risk, String mitigation) {
    public Risk {
      risk = text(risk);
      mitigation = text(mitigation);
    }
  }

  /** Reads what models write, tolerantly: unknown fields dropped, single values as lists. */
  static final ObjectMapper LENIENT =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          .build();

  private static String text(String value) {
    return value == null ? "" : value;
  }

  private static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : values.stream().filter(v -> v != null).toList();
  }
}
