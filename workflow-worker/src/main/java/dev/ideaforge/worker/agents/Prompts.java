package dev.ideaforge.worker.agents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The agents' prompts, one resource file each under {@code prompts/}, with {@code {name}} slots.
 */
@Component
public class Prompts {

  private static final Pattern SLOT = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

  private final Map<String, String> cache = new ConcurrentHashMap<>();

  /** The system prompt an agent speaks from. */
  public String system(Agent agent) {
    return text(agent.promptName());
  }

  /**
   * A prompt file with its {@code {slot}} placeholders filled in, in one pass over the template:
   * text that is filled in (user messages, the discussion) is never searched for slots itself, so a
   * user who writes {@code {discussion}} gets exactly that, not the discussion. Unknown slots stay
   * as they are.
   */
  public String render(String name, Map<String, String> values) {
    Matcher slot = SLOT.matcher(text(name));
    StringBuilder out = new StringBuilder();
    while (slot.find()) {
      String value = values.get(slot.group(1));
      slot.appendReplacement(out, Matcher.quoteReplacement(value == null ? slot.group() : value));
    }
    slot.appendTail(out);
    return out.toString();
  }

  public String text(String name) {
    return cache.computeIfAbsent(name, Prompts::load);
  }

  private static String load(String name) {
    String path = "prompts/" + name + ".txt";
    try (InputStream in = Prompts.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Missing prompt resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
