package dev.ideaforge.worker.agents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The agents' prompts, one resource file each under {@code prompts/}, with {@code {name}} slots.
 */
@Component
public class Prompts {

  private final Map<String, String> cache = new ConcurrentHashMap<>();

  /** The system prompt an agent speaks from. */
  public String system(Agent agent) {
    return text(agent.promptName());
  }

  /** A prompt file with its {@code {slot}} placeholders filled in. */
  public String render(String name, Map<String, String> values) {
    String text = text(name);
    for (Map.Entry<String, String> value : values.entrySet()) {
      text = text.replace("{" + value.getKey() + "}", value.getValue());
    }
    return text;
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
