package dev.ideaforge.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the {@code temporal} CLI is. Tests never download it: {@code scripts/ensure-services
 * --temporal} installs the pinned version into the repository's {@code .tools/bin}.
 */
public final class TemporalCli {

  private TemporalCli() {}

  /**
   * The system property {@code ideaforge.temporalCli}, else the environment's {@code TEMPORAL_CLI},
   * else {@code <repository root>/.tools/bin/temporal}.
   *
   * @throws IllegalStateException when the CLI is not there, saying how to install it
   */
  public static Path find() {
    String configured = System.getProperty("ideaforge.temporalCli");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("TEMPORAL_CLI");
    }
    Path cli =
        configured == null || configured.isBlank()
            ? repositoryRoot().resolve(".tools/bin/temporal")
            : Path.of(configured);
    if (!Files.isExecutable(cli)) {
      throw new IllegalStateException(
          "The temporal CLI is not at "
              + cli.toAbsolutePath()
              + ": run `scripts/ensure-services --temporal` (it installs the pinned version), or"
              + " point -Dideaforge.temporalCli or TEMPORAL_CLI at an installed one.");
    }
    return cli.toAbsolutePath();
  }

  /**
   * The repository root: the {@code ideaforge.root} property (the e2e module sets it), else the
   * nearest directory above the working directory that holds {@code scripts/ensure-services}.
   */
  public static Path repositoryRoot() {
    String root = System.getProperty("ideaforge.root");
    if (root != null && !root.isBlank()) {
      return Path.of(root).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("scripts/ensure-services"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "Cannot find the repository root above "
            + Path.of("").toAbsolutePath()
            + ": set -Dideaforge.root");
  }
}
