package dev.ideaforge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The {@code temporal} CLI's dev server ({@code temporal server start-dev}: a real Temporal server
 * in one process, on SQLite) as a separate OS process on a fixed port. Its database file lives in a
 * directory of its own, so a {@link #kill()} (SIGKILL) and a {@link #start()} again on the same
 * port keep every workflow and its history, as a restarted cluster would.
 *
 * <p>The SDK's {@code io.temporal.testing.TemporalDevServer} is not used: it cannot SIGKILL the
 * server and start it again on the same file, which the crash drills need.
 */
public final class TemporalDevService implements LocalTemporal {

  /** Where the jobs' custom search attributes are listed, one {@code Name=Type} a line. */
  private static final String SEARCH_ATTRIBUTES_FILE = "deploy/temporal/search-attributes.txt";

  /** The dev server's extra arguments scripts/run gives it too (its SQLite settings). */
  private static final String ARGS_FILE = "deploy/temporal/dev-server.args";

  private static final Duration READY_WITHIN = Duration.ofSeconds(60);
  private static final Duration STOP_WITHIN = Duration.ofSeconds(15);

  /** Numbers every start in this JVM, so a restart's log never overwrites the previous one's. */
  private static final AtomicInteger STARTS = new AtomicInteger();

  private final int port;
  private final Path dataDir;
  private final Path cli;
  private Process process;
  private Thread killOnExit;

  /** A dev server on {@code port} with its database in a new temporary directory. */
  public TemporalDevService(int port) {
    this(port, newTempDir());
  }

  /** A dev server on {@code port} with its database ({@code temporal.db}) in {@code dataDir}. */
  public TemporalDevService(int port, Path dataDir) {
    this.port = port;
    this.dataDir = dataDir;
    this.cli = TemporalCli.find();
  }

  @Override
  public synchronized TemporalDevService start() {
    if (process != null && process.isAlive()) {
      return this;
    }
    String name = "temporal-" + port + "-" + STARTS.incrementAndGet() + ".log";
    Path log = Path.of("target", "temporal-dev", name).toAbsolutePath();
    List<String> command = new ArrayList<>(List.of(cli.toString(), "server", "start-dev"));
    command.addAll(List.of("--ip", "127.0.0.1", "--port", String.valueOf(port), "--headless"));
    command.addAll(List.of("--db-filename", databaseFile().toString(), "--log-level", "warn"));
    List<String> attributes = searchAttributes();
    for (String attribute : attributes) {
      command.addAll(List.of("--search-attribute", attribute));
    }
    command.addAll(lines(ARGS_FILE));
    try {
      Files.createDirectories(log.getParent());
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("Could not start " + cli, e);
    }
    if (killOnExit == null) {
      // A test JVM that dies without closing this must not leave a server behind on the port.
      killOnExit = new Thread(this::kill, "kill-temporal-dev-" + port);
      Runtime.getRuntime().addShutdownHook(killOnExit);
    }
    TemporalReadiness.await(target(), attributes, process, READY_WITHIN, log);
    return this;
  }

  /** SIGKILL ({@code destroyForcibly} on Linux) of the server and any child it started. */
  @Override
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroyForcibly);
    all.forEach(p -> p.onExit().join());
    process = null;
  }

  /** SIGTERM and a wait for a clean shutdown; SIGKILL if it does not come. */
  @Override
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
    process = null;
  }

  /** Stops the server and deletes its database: nothing of it is left. */
  @Override
  public synchronized void close() {
    stop();
    if (killOnExit != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down
      }
      killOnExit = null;
    }
    deleteRecursively(dataDir);
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public int port() {
    return port;
  }

  @Override
  public String target() {
    return "127.0.0.1:" + port;
  }

  /** The SQLite file that holds everything the server knows. */
  public Path databaseFile() {
    return dataDir.resolve("temporal.db");
  }

  /**
   * The custom search attributes, from the file scripts/run and compose register them from: the app
   * upserts them, and an upsert of an unregistered one fails the workflow task.
   */
  public static List<String> searchAttributes() {
    return lines(SEARCH_ATTRIBUTES_FILE);
  }

  /** The lines of a file of the repository that are neither blank nor comments. */
  private static List<String> lines(String path) {
    Path file = TemporalCli.repositoryRoot().resolve(path);
    try {
      return Files.readAllLines(file).stream()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private static Path newTempDir() {
    try {
      return Files.createTempDirectory("ideaforge-temporal-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("Could not delete " + dir + ": " + e.getMessage());
    }
  }
}
