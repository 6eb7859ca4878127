package dev.ideaforge.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment stack (docker-compose.yml, the one Dockerfile, .env.template) is consistent: there
 * is no Docker engine in the build, so its structure is checked here, without a Spring context.
 */
class DeploymentStackTest {

  private static final List<String> REQUIRED_SERVICES =
      List.of("postgres", "redis", "temporal", "temporal-ui", "api-server", "workflow-worker");

  private static final List<String> APP_MODULES = List.of("api-server", "workflow-worker");

  /** The one Dockerfile of both app services; build arguments pick the module. */
  private static final String DOCKERFILE = "deploy/Dockerfile";

  /** The port each app module listens on by default, and the variable that changes it. */
  private static final Map<String, List<String>> APP_PORTS =
      Map.of(
          "api-server", List.of("8000", "PORT"), "workflow-worker", List.of("8081", "WORKER_PORT"));

  /** ${VAR}, ${VAR:-x}, ${VAR-x}, ${VAR:?x}, ${VAR?x}; "$${" is compose's escape, not a var. */
  private static final Pattern COMPOSE_BRACED_VAR =
      Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)((?::?[-?])([^}]*))?\\}");

  /** $VAR, which compose interpolates too; "$$VAR" is escaped for the container's shell. */
  private static final Pattern COMPOSE_BARE_VAR =
      Pattern.compile("(?<!\\$)\\$([A-Za-z_][A-Za-z0-9_]*)");

  /** ${ENV_VAR:default} or ${ENV_VAR} in application.yml; lower-case names are properties. */
  private static final Pattern SPRING_ENV_VAR = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

  private static final Pattern ENV_LINE = Pattern.compile("([A-Z][A-Z0-9_]*)=(.*)");

  private static Path root;
  private static String composeText;
  private static Map<String, Object> compose;
  private static Map<String, Map<String, Object>> services;
  private static List<String> envTemplateLines;
  private static Map<String, String> envTemplate;

  @BeforeAll
  static void loadStack() throws IOException {
    root = repoRoot();
    composeText = Files.readString(root.resolve("docker-compose.yml"));
    compose = map(new Yaml().load(composeText), "docker-compose.yml");
    services = new LinkedHashMap<>();
    map(compose.get("services"), "services")
        .forEach((name, service) -> services.put(name, map(service, "service " + name)));
    envTemplateLines = Files.readAllLines(root.resolve(".env.template"));
    envTemplate = new LinkedHashMap<>();
    for (String line : envTemplateLines) {
      Matcher m = ENV_LINE.matcher(line.strip());
      if (m.matches()) {
        assertThat(envTemplate.put(m.group(1), m.group(2)))
            .as(".env.template lists %s more than once", m.group(1))
            .isNull();
      }
    }
  }

  @Test
  void composeDefinesTheWholeStack() {
    assertThat(services).containsKeys(REQUIRED_SERVICES.toArray(String[]::new));
    assertThat(compose).as("the obsolete top-level version: key").doesNotContainKey("version");
  }

  @Test
  void everyServiceDependencyIsDefined() {
    for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
      for (String target : dependencies(service.getValue())) {
        assertThat(services.keySet())
            .as("%s depends on %s", service.getKey(), target)
            .contains(target);
        assertThat(target)
            .as("%s depends on itself", service.getKey())
            .isNotEqualTo(service.getKey());
      }
    }
  }

  @Test
  void appServicesWaitForTheirBackingServicesToBeHealthy() {
    for (String app : APP_MODULES) {
      Object dependsOn = services.get(app).get("depends_on");
      assertThat(dependsOn).as("%s depends_on with conditions", app).isInstanceOf(Map.class);
      Map<String, Object> conditions = map(dependsOn, app + ".depends_on");
      for (String backing : List.of("postgres", "redis", "temporal")) {
        assertThat(map(conditions.get(backing), app + ".depends_on." + backing))
            .as("%s waits for %s", app, backing)
            .containsEntry("condition", "service_healthy");
      }
    }
  }

  @Test
  void everyServiceHasAnImageOrABuild() {
    services.forEach(
        (name, service) ->
            assertThat(service.containsKey("image") || service.containsKey("build"))
                .as("service %s has image or build", name)
                .isTrue());
  }

  @Test
  void imagesArePinned() throws IOException {
    services.forEach(
        (name, service) -> {
          if (service.containsKey("image")) {
            assertPinned(interpolate(String.valueOf(service.get("image"))), "service " + name);
          }
        });
    Set<String> stages = new LinkedHashSet<>();
    for (String line : instructions("FROM")) {
      String[] words = line.trim().split("\\s+");
      String image = words[1];
      if (words.length >= 4 && words[2].equalsIgnoreCase("AS")) {
        stages.add(words[3].toLowerCase(Locale.ROOT));
      }
      if (!stages.contains(image.toLowerCase(Locale.ROOT))) {
        assertPinned(image, DOCKERFILE);
      }
    }
  }

  @Test
  void bothAppServicesBuildTheOneDockerfileWithTheirModuleAndPort() throws IOException {
    for (String app : APP_MODULES) {
      Map<String, Object> build = map(services.get(app).get("build"), app + ".build");
      assertThat(build).as("%s build", app).containsEntry("context", ".");
      assertThat(build).as("%s build", app).containsEntry("dockerfile", DOCKERFILE);
      Map<String, Object> args = map(build.get("args"), app + ".build.args");
      String port = APP_PORTS.get(app).get(0);
      String portVariable = APP_PORTS.get(app).get(1);
      assertThat(args)
          .as("%s build args", app)
          .containsOnly(
              Map.entry("MODULE", app),
              Map.entry("PORT", port),
              Map.entry("PORT_VARIABLE", portVariable));
      // The port the image exposes and probes is the one the module listens on by default.
      assertThat(Files.readString(root.resolve(app + "/src/main/resources/application.yml")))
          .as("%s application.yml", app)
          .contains("port: ${" + portVariable + ":" + port + "}");
      assertThat(String.valueOf(services.get(app).get("healthcheck")))
          .as("%s healthcheck", app)
          .contains("127.0.0.1:" + port + "/");
    }
    assertThat(Files.exists(root.resolve("api-server/Dockerfile"))).isFalse();
    assertThat(Files.exists(root.resolve("workflow-worker/Dockerfile"))).isFalse();
  }

  @Test
  void theDockerfileTakesItsModuleAndPortFromBuildArguments() throws IOException {
    assertThat(instructions("ARG"))
        .as("%s ARG lines", DOCKERFILE)
        .contains("ARG MODULE", "ARG PORT", "ARG PORT_VARIABLE");
    assertThat(instructions("COPY"))
        .as("copies the module's sources")
        .contains("COPY ${MODULE}/src ${MODULE}/src");
    assertThat(instructions("EXPOSE")).containsExactly("EXPOSE ${PORT}");
    assertThat(Files.readString(root.resolve(DOCKERFILE)))
        .as("builds the module; the health check probes the configured port")
        .contains("-pl \"${MODULE}\" -am package")
        .contains("cp \"${MODULE}/target/${MODULE}.jar\" /build/app.jar")
        .contains("IDEAFORGE_PORT_VARIABLE=${PORT_VARIABLE}")
        .contains("IDEAFORGE_DEFAULT_PORT=${PORT}");
  }

  /** The api-server's jar serves the console; the Maven stage has no Node.js to build it. */
  @Test
  void theApiServerImageCarriesTheConsoleBuiltInANodeStage() throws IOException {
    String dockerfile = Files.readString(root.resolve(DOCKERFILE));
    assertThat(dockerfile)
        .contains("AS console")
        .contains("COPY clients/typescript/package.json clients/typescript/package-lock.json ./")
        .contains("RUN bash build-console /console/dist")
        .contains("COPY --from=console /console/dist /build/console")
        .contains("cp -r /build/console api-server/src/main/resources/static/console")
        .contains("-Dconsole.skip=true");
    assertThat(Files.exists(root.resolve("clients/typescript/build-console"))).isTrue();
  }

  @Test
  void theDockerfileCopiesEveryModulePomAndTheMavenConfig() throws IOException {
    // Maven reads every module the root pom lists, even with -pl; the compiler needs .mvn.
    List<String> copies = instructions("COPY");
    Matcher module =
        Pattern.compile("<module>([^<]+)</module>")
            .matcher(Files.readString(root.resolve("pom.xml")));
    int modules = 0;
    while (module.find()) {
      modules++;
      assertThat(copies)
          .as("%s copies %s/pom.xml", DOCKERFILE, module.group(1))
          .contains("COPY " + module.group(1) + "/pom.xml " + module.group(1) + "/");
    }
    assertThat(modules).isGreaterThanOrEqualTo(APP_MODULES.size());
    assertThat(copies).contains("COPY .mvn .mvn");
  }

  @Test
  void everyBuildDockerfileExists() {
    services.forEach(
        (name, service) -> {
          Object build = service.get("build");
          if (build == null) {
            return;
          }
          Path context;
          String dockerfile = "Dockerfile";
          if (build instanceof String s) {
            context = root.resolve(s);
          } else {
            Map<String, Object> spec = map(build, name + ".build");
            context = root.resolve(String.valueOf(spec.getOrDefault("context", ".")));
            dockerfile = String.valueOf(spec.getOrDefault("dockerfile", dockerfile));
          }
          assertThat(context.resolve(dockerfile).normalize())
              .as("dockerfile of service %s", name)
              .isRegularFile();
        });
  }

  @Test
  void appServicesHaveAHealthcheck() {
    for (String app : APP_MODULES) {
      Map<String, Object> healthcheck =
          map(services.get(app).get("healthcheck"), app + ".healthcheck");
      assertThat(healthcheck).as("%s healthcheck", app).doesNotContainEntry("disable", true);
      assertThat(String.valueOf(healthcheck.get("test")))
          .as("%s healthcheck probes readiness", app)
          .contains("/actuator/health/readiness");
    }
  }

  @Test
  void mountedFilesAndNamedVolumesExist() {
    Set<String> declaredVolumes =
        compose.get("volumes") == null ? Set.of() : map(compose.get("volumes"), "volumes").keySet();
    services.forEach(
        (name, service) -> {
          for (Object volume : list(service.get("volumes"))) {
            String source = String.valueOf(volume).split(":", 2)[0];
            if (source.startsWith(".") || source.startsWith("/")) {
              assertThat(root.resolve(source).normalize())
                  .as("file mounted into %s", name)
                  .exists();
            } else {
              assertThat(declaredVolumes).as("named volume of %s", name).contains(source);
            }
          }
        });
  }

  @Test
  void everyVariableIsDocumentedInEnvTemplate() throws IOException {
    Set<String> referenced = new TreeSet<>(composeVariables());
    for (String module : APP_MODULES) {
      String yml =
          withoutYamlComments(
              Files.readString(root.resolve(module + "/src/main/resources/application.yml")));
      Matcher m = SPRING_ENV_VAR.matcher(yml);
      while (m.find()) {
        referenced.add(m.group(1));
      }
    }
    assertThat(referenced).as("variables found").contains("JWT_SECRET", "DATABASE_URL");
    assertThat(envTemplate.keySet()).containsAll(referenced);
  }

  @Test
  void envTemplateCommentsEveryVariable() {
    for (int i = 0; i < envTemplateLines.size(); i++) {
      if (!ENV_LINE.matcher(envTemplateLines.get(i).strip()).matches()) {
        continue;
      }
      // A variable is preceded by its comment, or shares the one above a run of variables.
      int j = i - 1;
      while (j >= 0 && ENV_LINE.matcher(envTemplateLines.get(j).strip()).matches()) {
        j--;
      }
      assertThat(j >= 0 && envTemplateLines.get(j).strip().startsWith("#"))
          .as(".env.template line %d (%s) has a comment above it", i + 1, envTemplateLines.get(i))
          .isTrue();
    }
  }

  @Test
  void envTemplateHasSafeProductionDefaults() {
    assertThat(envTemplate)
        .containsEntry("ALLOW_WS_TOKEN_QUERY", "false")
        .containsEntry("ALLOW_JOB_PURGE", "false")
        .containsEntry("JWT_SECRET", "")
        .containsEntry("LLM_PROVIDER", "scripted");
    int jwt = envTemplateLines.indexOf("JWT_SECRET=");
    assertThat(String.join("\n", envTemplateLines.subList(Math.max(0, jwt - 5), jwt)))
        .as("the comment on JWT_SECRET")
        .contains("REQUIRED")
        .contains("openssl rand");
    // Compose must refuse to start without a secret rather than fall back to a default.
    assertThat(composeText).contains("JWT_SECRET: ${JWT_SECRET:?");
  }

  @Test
  void composesRedisRequiresAPasswordThatTheAppsUse() {
    String command = String.valueOf(services.get("redis").get("command"));
    // Whoever reaches Redis could otherwise publish wake-ups and deletion notices.
    assertThat(command).contains("--requirepass");
    assertThat(composeText).contains("REDIS_PASSWORD:?");
    for (String app : APP_MODULES) {
      Map<String, Object> env = map(services.get(app).get("environment"), app + ".environment");
      assertThat(String.valueOf(env.get("REDIS_URL")))
          .as("%s's REDIS_URL", app)
          .startsWith("redis://:${REDIS_PASSWORD")
          .endsWith("@redis:6379");
    }
    assertThat(envTemplate).containsEntry("REDIS_PASSWORD", "");
  }

  @Test
  void composeRunsTheWorkerInClusterRecoveryMode() {
    Map<String, Object> env =
        map(services.get("workflow-worker").get("environment"), "workflow-worker.environment");
    // A real cluster loses no task: no periodic sweep, no watchdog, sticky workers.
    assertThat(env).containsEntry("TEMPORAL_RECOVERY_MODE", "cluster");
  }

  @Test
  void temporalSetupFailsLoudlyWhenTheSearchAttributeCannotBeRegistered() {
    Map<String, Object> setup = services.get("temporal-setup");
    Object command = setup.get("command");
    String script =
        command instanceof List<?> parts
            ? String.join("\n", parts.stream().map(String::valueOf).toList())
            : String.valueOf(command);
    // exit 0 only once the attribute is listed; running out of attempts is an error.
    assertThat(script.split("exit 0", -1)).as("exit 0 in temporal-setup").hasSize(2);
    assertThat(script.strip()).endsWith("exit 1");
    assertThat(script).contains("ERROR");
    for (String app : APP_MODULES) {
      assertThat(map(services.get(app).get("depends_on"), app + ".depends_on"))
          .as("%s starts only after temporal-setup succeeded", app)
          .extractingByKey("temporal-setup")
          .satisfies(
              dependency ->
                  assertThat(map(dependency, app + ".depends_on.temporal-setup"))
                      .containsEntry("condition", "service_completed_successfully"));
    }
  }

  @Test
  void dockerfilesAreMultiStageNonRootAndHealthChecked() throws IOException {
    assertThat(instructions("FROM")).as("FROM lines").hasSizeGreaterThanOrEqualTo(2);
    List<String> users = instructions("USER");
    assertThat(users).as("USER lines").isNotEmpty();
    String user = users.get(users.size() - 1).trim().split("\\s+")[1];
    assertThat(user.split(":")[0]).as("the image runs as").isNotIn("root", "0");
    assertThat(instructions("HEALTHCHECK")).as("HEALTHCHECK").isNotEmpty();
  }

  // ---------------------------------------------------------------------------------------------

  private static Path repoRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
  }

  private static Set<String> composeVariables() {
    Set<String> names = new TreeSet<>();
    // Compose interpolates everything but comments.
    String text = withoutYamlComments(composeText);
    Matcher braced = COMPOSE_BRACED_VAR.matcher(text);
    while (braced.find()) {
      names.add(braced.group(1));
    }
    Matcher bare = COMPOSE_BARE_VAR.matcher(text);
    while (bare.find()) {
      names.add(bare.group(1));
    }
    return names;
  }

  /** Drops # comments (whole-line and trailing), which may mention placeholders as examples. */
  private static String withoutYamlComments(String yml) {
    StringBuilder out = new StringBuilder();
    for (String line : yml.split("\n", -1)) {
      if (line.strip().startsWith("#")) {
        continue;
      }
      int trailing = line.indexOf(" #");
      out.append(trailing >= 0 ? line.substring(0, trailing) : line).append('\n');
    }
    return out.toString();
  }

  /** Resolves ${VAR:-default} to the default, and ${VAR} / ${VAR:?msg} from .env.template. */
  private static String interpolate(String value) {
    Matcher m = COMPOSE_BRACED_VAR.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String operator = m.group(2) == null ? "" : m.group(2);
      String replacement =
          operator.startsWith(":-") || operator.startsWith("-")
              ? m.group(3)
              : envTemplate.getOrDefault(m.group(1), "");
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static void assertPinned(String image, String where) {
    assertThat(image).as("image of %s", where).isNotBlank();
    if (image.contains("@sha256:")) {
      return;
    }
    int colon = image.lastIndexOf(':');
    String tag = colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "";
    assertThat(tag).as("tag of image %s (%s)", image, where).isNotBlank().isNotEqualTo("latest");
  }

  /** The Dockerfile lines that start the given instruction (continuation lines excluded). */
  private static List<String> instructions(String instruction) throws IOException {
    List<String> found = new ArrayList<>();
    boolean continued = false;
    for (String line : Files.readAllLines(root.resolve(DOCKERFILE))) {
      String trimmed = line.strip();
      boolean comment = trimmed.startsWith("#");
      if (!continued && !comment) {
        String[] words = trimmed.split("\\s+", 2);
        if (words[0].equalsIgnoreCase(instruction)) {
          found.add(trimmed);
        }
      }
      if (!comment) {
        continued = trimmed.endsWith("\\");
      }
    }
    return found;
  }

  private static Collection<String> dependencies(Map<String, Object> service) {
    Object dependsOn = service.get("depends_on");
    if (dependsOn instanceof Map<?, ?> m) {
      return m.keySet().stream().map(String::valueOf).toList();
    }
    return list(dependsOn).stream().map(String::valueOf).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String what) {
    assertThat(value).as(what).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  private static List<?> list(Object value) {
    if (value == null) {
      return List.of();
    }
    assertThat(value).isInstanceOf(List.class);
    return (List<?>) value;
  }
}
