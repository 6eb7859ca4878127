package dev.ideaforge.testsupport;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ReflectionUtils;
import org.yaml.snakeyaml.Yaml;

/**
 * The default of every setting of one service, as the service itself resolves it, and the places
 * that restate it: {@code .env.template}, the README's configuration table and docker compose.
 *
 * <p>A default is written once: in the {@code @ConfigurationProperties} record when the setting has
 * one ({@code application.yml} then maps the variable with an empty default, {@code ${VAR:}}, which
 * the record turns into its default), else in {@code application.yml}. Each other place is checked
 * by binding the value it states exactly as the service would bind the variable set to it, and
 * comparing the result with the default: so {@code 1048576} and {@code 1MB}, or {@code 60s} and
 * {@code 1m}, agree, and any drift is reported.
 */
public final class SettingsDefaults {

  /** One environment variable that application.yml (default profile) maps to a property. */
  public record Setting(String variable, String property, String ymlDefault) {}

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::(.*))?}");
  private static final Pattern ENV_LINE = Pattern.compile("([A-Z][A-Z0-9_]*)=(.*)");
  private static final Pattern COMPOSE_DEFAULT = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):-(.+)}");
  private static final Pattern VARIABLE = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

  private final Path root;
  private final PropertySource<?> yml;
  private final Map<String, Setting> settings = new LinkedHashMap<>();
  private final Map<String, Class<?>> records = new LinkedHashMap<>();
  private final ApplicationConversionService conversion = new ApplicationConversionService();

  private SettingsDefaults(Path root, Path applicationYml, String basePackage) throws IOException {
    this.root = root;
    // The first document is the default profile; later ones (dev) override on purpose.
    this.yml =
        new YamlPropertySourceLoader()
            .load("application.yml", new FileSystemResource(applicationYml))
            .get(0);
    for (String name : ((EnumerablePropertySource<?>) yml).getPropertyNames()) {
      Matcher m = PLACEHOLDER.matcher(String.valueOf(yml.getProperty(name)));
      if (m.matches()) {
        settings.put(
            m.group(1), new Setting(m.group(1), name, m.group(2) == null ? "" : m.group(2)));
      }
    }
    ClassPathScanningCandidateComponentProvider scan =
        new ClassPathScanningCandidateComponentProvider(false);
    scan.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
    scan.addIncludeFilter(new AnnotationTypeFilter(ConfigurationPropertiesBinding.class));
    for (BeanDefinition candidate : scan.findCandidateComponents(basePackage)) {
      Class<?> type = load(candidate.getBeanClassName());
      ConfigurationProperties properties = type.getAnnotation(ConfigurationProperties.class);
      if (properties != null && type.isRecord()) {
        records.put(properties.value().isEmpty() ? properties.prefix() : properties.value(), type);
      } else if (Converter.class.isAssignableFrom(type)) {
        // The converters the service binds its settings with (e.g. quotas).
        conversion.addConverter((Converter<?, ?>) instantiate(type));
      }
    }
  }

  /**
   * The settings of the service whose {@code application.yml} is given (relative to the repository
   * root), with the settings records found under {@code basePackage} on the classpath.
   */
  public static SettingsDefaults of(String applicationYml, String basePackage) {
    Path root = repositoryRoot();
    try {
      return new SettingsDefaults(root, root.resolve(applicationYml), basePackage);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every variable application.yml reads in its default profile. */
  public Map<String, Setting> settings() {
    return settings;
  }

  /** The settings record a property binds into, if any (the longest matching prefix). */
  public Optional<Class<?>> recordOf(Setting setting) {
    return records.entrySet().stream()
        .filter(e -> setting.property().startsWith(e.getKey() + "."))
        .max(Comparator.comparingInt(e -> e.getKey().length()))
        .map(Map.Entry::getValue);
  }

  /** Variables whose .env.template value differs from the default on purpose, and why. */
  private static final Map<String, String> NOT_IN_ENV_TEMPLATE =
      Map.of(
          "TEMPORAL_ADDRESS", "empty in .env.template so that scripts/run starts a local Temporal");

  /** Variables whose docker compose default differs from the service's on purpose, and why. */
  private static final Map<String, String> COMPOSE_OVERRIDES =
      Map.of("TEMPORAL_WORKFLOW_CACHE_SIZE", "compose runs a cluster and states its cache size");

  /** Where the defaults are written more than once or disagree; empty when every place agrees. */
  public List<String> disagreements() {
    List<String> problems = new ArrayList<>();
    settings.values().stream()
        .filter(s -> recordOf(s).isPresent() && !s.ymlDefault().isEmpty())
        .forEach(
            s ->
                problems.add(
                    "application.yml restates the default of %s (%s); write ${%s:} and keep it in %s"
                        .formatted(
                            s.variable(),
                            s.ymlDefault(),
                            s.variable(),
                            recordOf(s).orElseThrow().getSimpleName())));
    Map<String, String> template = envTemplate();
    for (Setting s : settings.values()) {
      if (NOT_IN_ENV_TEMPLATE.containsKey(s.variable())) {
        continue;
      }
      if (!template.containsKey(s.variable())) {
        problems.add(".env.template does not list " + s.variable());
      } else {
        compare(s, template.get(s.variable()), ".env.template", problems);
      }
    }
    readme()
        .forEach(
            (variable, value) -> {
              Setting s = settings.get(variable);
              if (s != null) {
                compare(s, value, "README", problems);
              }
            });
    compose()
        .forEach(
            (variable, value) -> {
              Setting s = settings.get(variable);
              if (s != null && !COMPOSE_OVERRIDES.containsKey(variable)) {
                compare(s, value, "docker-compose.yml", problems);
              }
            });
    return problems;
  }

  /** The README configuration table's defaults, by variable; free text (no default) is left out. */
  public Map<String, String> readme() {
    Map<String, String> defaults = new LinkedHashMap<>();
    String text = read("README.md");
    int start = text.indexOf("\n## Configuration");
    int end = text.indexOf("\n## ", start + 1);
    for (String line : text.substring(start, end < 0 ? text.length() : end).split("\n", -1)) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] columns = line.split("\\|", -1);
      List<String> names = new ArrayList<>();
      Matcher m = VARIABLE.matcher(columns[1]);
      while (m.find()) {
        names.add(m.group(1));
      }
      List<String> values =
          names.size() == 1 ? List.of(columns[2].strip()) : splitTopLevel(columns[2]);
      if (values.size() == 1 && names.size() > 1) {
        // One default for the whole row (e.g. "empty" for the per-agent models).
        values = Collections.nCopies(names.size(), values.get(0));
      }
      if (values.size() != names.size()) {
        throw new IllegalStateException(
            "README row names %d variables but gives %d defaults: %s"
                .formatted(names.size(), values.size(), line));
      }
      for (int i = 0; i < names.size(); i++) {
        String value = values.get(i);
        if (value.startsWith("`")) {
          defaults.put(names.get(i), value.substring(1, value.indexOf('`', 1)));
        } else if (value.toLowerCase(Locale.ROOT).startsWith("empty")) {
          defaults.put(names.get(i), "");
        }
      }
    }
    return defaults;
  }

  /** The VAR=value lines of .env.template. */
  public Map<String, String> envTemplate() {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : read(".env.template").split("\n", -1)) {
      Matcher m = ENV_LINE.matcher(line.strip());
      if (m.matches()) {
        values.put(m.group(1), m.group(2));
      }
    }
    return values;
  }

  /** The app services' {@code VAR: ${VAR:-default}} entries of docker compose. */
  public Map<String, String> compose() {
    Map<String, String> defaults = new LinkedHashMap<>();
    Map<?, ?> services =
        (Map<?, ?>) new Yaml().<Map<?, ?>>load(read("docker-compose.yml")).get("services");
    for (String app : List.of("api-server", "workflow-worker")) {
      Map<?, ?> environment = (Map<?, ?>) ((Map<?, ?>) services.get(app)).get("environment");
      environment.forEach(
          (name, value) -> {
            Matcher m = COMPOSE_DEFAULT.matcher(String.valueOf(value));
            if (m.matches() && m.group(1).equals(name)) {
              defaults.put(m.group(1), m.group(2));
            }
          });
    }
    return defaults;
  }

  /** Whether the variable set to {@code value} gives the service the settings its default does. */
  private void compare(Setting setting, String value, String where, List<String> problems) {
    Object defaults;
    try {
      defaults = bind(setting, Map.of());
    } catch (RuntimeException e) {
      problems.add("%s: the default does not bind: %s".formatted(setting.variable(), cause(e)));
      return;
    }
    Object stated;
    try {
      stated = bind(setting, Map.of(setting.variable(), value));
    } catch (RuntimeException e) {
      problems.add(
          "%s gives %s=%s, which does not bind: %s"
              .formatted(where, setting.variable(), value, cause(e)));
      return;
    }
    if (!defaults.equals(stated)) {
      problems.add(
          "%s gives %s=%s, but the default is %s"
              .formatted(where, setting.variable(), value, describe(setting, defaults)));
    }
  }

  /** The setting's record (or, without one, its property) bound with these variables set. */
  private Object bind(Setting setting, Map<String, Object> environment) {
    MutablePropertySources sources = new MutablePropertySources();
    sources.addFirst(new MapPropertySource("environment", environment));
    sources.addLast(yml);
    // Only application.yml holds properties; the variables reach them through its placeholders,
    // never from this JVM's own environment.
    Binder binder =
        new Binder(
            ConfigurationPropertySources.from(yml),
            new PropertySourcesPlaceholdersResolver(sources),
            conversion);
    Optional<Class<?>> type = recordOf(setting);
    if (type.isPresent()) {
      String prefix =
          records.entrySet().stream()
              .filter(e -> e.getValue() == type.get())
              .findFirst()
              .orElseThrow()
              .getKey();
      return binder.bindOrCreate(prefix, Bindable.of(type.get()));
    }
    return binder.bind(setting.property(), String.class).orElse("");
  }

  /** The component of the record that the setting binds, for a readable message. */
  private String describe(Setting setting, Object bound) {
    if (!bound.getClass().isRecord()) {
      return "\"" + bound + "\"";
    }
    String last = setting.property().substring(setting.property().lastIndexOf('.') + 1);
    String component =
        Pattern.compile("-([a-z])")
            .matcher(last)
            .replaceAll(r -> r.group(1).toUpperCase(Locale.ROOT));
    for (RecordComponent c : bound.getClass().getRecordComponents()) {
      if (c.getName().equals(component)) {
        ReflectionUtils.makeAccessible(c.getAccessor());
        return bound.getClass().getSimpleName()
            + "."
            + component
            + " = "
            + ReflectionUtils.invokeMethod(c.getAccessor(), bound);
      }
    }
    return bound.toString();
  }

  private static String cause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return e.getMessage() + ": " + root.getMessage();
  }

  /** Splits "a, b / c" at commas and slashes outside backticks and parentheses. */
  private static List<String> splitTopLevel(String cell) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean code = false;
    int depth = 0;
    for (char c : cell.toCharArray()) {
      if (c == '`') {
        code = !code;
      } else if (!code && c == '(') {
        depth++;
      } else if (!code && c == ')') {
        depth--;
      }
      if (!code && depth == 0 && (c == ',' || c == '/')) {
        parts.add(part.toString().strip());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    parts.add(part.toString().strip());
    return parts;
  }

  private String read(String file) {
    try {
      return Files.readString(root.resolve(file));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object instantiate(Class<?> type) {
    try {
      var constructor = type.getDeclaredConstructor();
      ReflectionUtils.makeAccessible(constructor);
      return constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
  }

  /** The variables a module's yml reads, for tests that only need the names. */
  public Set<String> variables() {
    return settings.keySet();
  }
}
