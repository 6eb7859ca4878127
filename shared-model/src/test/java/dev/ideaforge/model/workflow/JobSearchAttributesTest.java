package dev.ideaforge.model.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JobSearchAttributesTest {

  /**
   * The file every dev server and compose's temporal-setup register from names exactly the
   * attributes the workflows set: one they set but nobody registered would stop their jobs.
   */
  @Test
  void theRegisteredAttributesAreTheOnesTheWorkflowsSet() throws IOException {
    Path file = Path.of("..", "deploy", "temporal", "search-attributes.txt");

    assertThat(
            Files.readAllLines(file).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")))
        .containsExactlyElementsOf(
            JobSearchAttributes.ALL.stream()
                .map(key -> key.getName() + "=" + JobSearchAttributes.typeName(key))
                .toList());
  }
}
