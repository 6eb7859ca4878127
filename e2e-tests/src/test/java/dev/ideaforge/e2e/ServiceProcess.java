package dev.ideaforge.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** One of our processes (api-server or worker) as a separate JVM, with its log in target/. */
final class ServiceProcess {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Start fast: these JVMs live for seconds to minutes. */
  static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /** Jars copied by this test run (copied once, then reused by every restart). */
  private static final java.util.Set<Path> COPIED = new java.util.HashSet<>();

  private final String name;
  private final Path jar;
  private final Map<String, String> env;
  private final int healthPort;
  private Process process;

  /** Numbers every start in this test run, so no drill's log overwrites another's. */
  private static final AtomicInteger STARTS = new AtomicInteger();

  ServiceProcess(String name, Path jar, Map<String, String> env, int healthPort) {
    this.name = name;
    this.jar = jar;
    this.env = env;
    this.healthPort = healthPort;
  }

  synchronized ServiceProcess start() {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run `mvn package` first");
    }
    Path log = Path.of("target", "e2e-logs", name + "-" + STARTS.incrementAndGet() + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(FAST_START);
    command.add("-Xmx512m");
    command.add("-jar");
    command.add(stableCopy(jar).toString());
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(env);
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("Could not start " + name, e);
    }
    return this;
  }

  /**
   * A copy of the jar made once per test run, so a rebuild during a long run cannot pull classes
   * from under a starting JVM.
   */
  static Path stableCopy(Path jar) {
    Path copy = Path.of("target", "e2e-jars", jar.getFileName().toString()).toAbsolutePath();
    try {
      synchronized (COPIED) {
        if (COPIED.add(copy)) {
          Files.createDirectories(copy.getParent());
          Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Could not copy " + jar, e);
    }
    return copy;
  }

  /** Waits until the process reports itself ready. */
  ServiceProcess awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    URI health = URI.create("http://127.0.0.1:" + healthPort + "/actuator/health/liveness");
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + "; see its log");
      }
      try {
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(health).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return this;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(250);
    }
    throw new IllegalStateException(name + " did not become ready within " + timeout);
  }

  /** {@code kill -9}: no shutdown hooks, no graceful anything. */
  synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitFor();
    }
  }

  /** A normal stop (SIGTERM, graceful shutdown). */
  synchronized void stop() {
    if (process != null) {
      process.destroy();
      waitFor();
    }
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  private void waitFor() {
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
