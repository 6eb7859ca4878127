package dev.ideaforge.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Scanner;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code scripts/run} as a user starts it (from a snapshot of the repository, see {@link
 * #snapshot}), in a process group of its own ({@code setsid}), so a drill can SIGKILL the script
 * and everything it started (the Temporal dev server, the worker and the api-server) at once, as a
 * power cut would, and then run it again with the same settings.
 */
final class LocalRun {

  static final String READY = "Ideaforge is running";
  private static final Duration START_WITHIN = Duration.ofMinutes(4);
  private static final AtomicInteger STARTS = new AtomicInteger();

  /** A developer's own settings and state, and what scripts/run never reads. */
  private static final Set<String> LEFT_OUT = Set.of(".env", ".run", ".git", "target");

  /** The modules whose jar scripts/run starts (with SKIP_BUILD=1), and that jar. */
  private static final Map<String, String> JARS =
      Map.of("workflow-worker", "workflow-worker.jar", "api-server", "api-server.jar");

  private final Path root;
  private final Path runDir;
  private final Map<String, String> env;
  private Process process;
  private Path output;

  /**
   * Runs {@code root}'s scripts/run from a snapshot in {@code workDir}, with {@code env} added to
   * this JVM's environment and RUN_DIR in {@code workDir} too; both start empty (an earlier test
   * run's Temporal database would hold workflows of jobs this one never had).
   */
  LocalRun(Path root, Path workDir, Map<String, String> env) {
    Path dir = workDir.toAbsolutePath();
    deleteRecursively(dir);
    this.root = snapshot(root.toAbsolutePath().normalize(), dir.resolve("tree"));
    this.runDir = dir.resolve("run");
    this.env = env;
  }

  /**
   * The repository as scripts/run sees it, as it is now: a link to each of its top-level entries,
   * but the jars are this test run's stable copies, so a rebuild during the drill cannot swap one
   * under a starting JVM, and a developer's own {@code .env} (which scripts/run reads) and {@code
   * .run} are left out, so they cannot point the drill at their database or ports.
   */
  private static Path snapshot(Path root, Path tree) {
    try {
      Files.createDirectories(tree);
      try (Stream<Path> entries = Files.list(root)) {
        for (Path entry : entries.toList()) {
          String name = entry.getFileName().toString();
          if (!LEFT_OUT.contains(name) && !JARS.containsKey(name)) {
            Files.createSymbolicLink(tree.resolve(name), entry);
          }
        }
      }
      for (Map.Entry<String, String> module : JARS.entrySet()) {
        String jar = module.getKey() + "/target/" + module.getValue();
        Path link = tree.resolve(jar);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, ServiceProcess.stableCopy(root.resolve(jar)));
      }
    } catch (IOException e) {
      throw new IllegalStateException("Could not snapshot " + root + " for scripts/run", e);
    }
    return tree;
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    // Files.walk does not follow the links: the repository's .tools and jars stay.
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Could not empty " + dir, e);
    }
  }

  /** Starts {@code scripts/run} and waits until it says the system is up. */
  LocalRun start() {
    output = runDir.resolve("run-" + STARTS.incrementAndGet() + ".out");
    try {
      Files.createDirectories(runDir);
      ProcessBuilder builder =
          new ProcessBuilder("setsid", root.resolve("scripts/run").toString())
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      // A setting of this JVM's environment must not choose for the script (an external
      // Temporal, a fixed signing secret): the drill is about what scripts/run does by itself.
      for (String inherited :
          List.of("TEMPORAL_ADDRESS", "TEMPORAL_SERVER", "JWT_SECRET", "MANAGEMENT_TOKEN")) {
        builder.environment().remove(inherited);
      }
      builder.environment().putAll(env);
      builder.environment().put("RUN_DIR", runDir.toString());
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("Could not start scripts/run", e);
    }
    awaitOutput(READY, START_WITHIN);
    return this;
  }

  /** {@code kill -KILL -- -<group>}: the script and every process it started, with no warning. */
  void killEverything() {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    signalGroup("-KILL");
    for (ProcessHandle p : all) {
      p.onExit().join();
    }
    keepLogs();
  }

  /** The next start writes its logs afresh: keep the killed run's for whoever reads a failure. */
  private void keepLogs() {
    for (String log : List.of("temporal.log", "worker.log", "api-server.log")) {
      Path from = runDir.resolve(log);
      try {
        if (Files.exists(from)) {
          Files.move(from, runDir.resolve("killed-" + STARTS.get() + "-" + log));
        }
      } catch (IOException e) {
        throw new IllegalStateException("Could not keep " + from, e);
      }
    }
  }

  /** Ctrl-C: the script stops what it started; SIGKILL for whatever is left after a while. */
  void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    signalGroup("-INT");
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        signalGroup("-KILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      signalGroup("-KILL");
    }
    all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /** What the script printed so far. */
  String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      return "";
    }
  }

  private void awaitOutput(String marker, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!output().contains(marker)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "scripts/run exited with " + process.exitValue() + ":\n" + output());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "scripts/run did not print '" + marker + "' within " + timeout + ":\n" + output());
      }
      ServiceProcess.sleep(250);
    }
  }

  /** Signals the process group setsid made: its id is the script's pid. */
  private void signalGroup(String signal) {
    try {
      new ProcessBuilder("kill", signal, "--", "-" + groupId())
          .redirectErrorStream(true)
          .start()
          .waitFor();
    } catch (IOException e) {
      throw new IllegalStateException("Could not run kill", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The process group of the script (field 5 of /proc/<pid>/stat). */
  private long groupId() {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
      // After "pid (command) ": state, parent pid, process group.
      try (Scanner fields = new Scanner(stat.substring(stat.lastIndexOf(')') + 1))) {
        fields.next();
        fields.next();
        return fields.nextLong();
      }
    } catch (IOException e) {
      return process.pid(); // gone already; setsid made the script the group's leader
    }
  }
}
