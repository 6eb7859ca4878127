package dev.ideaforge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one run of the benchmark measured on one Temporal service. The bench writes it as JSON
 * (--result), so that scripts/bench can render the runs on several services side by side in one
 * report (--render).
 *
 * @param service the name a report gives this run's column, e.g. "dev server"
 * @param temporalVersion the server version the Temporal service reports; blank for the Java test
 *     server
 * @param about what the service is, in words (--about), or null
 * @param topConcurrency the highest concurrency of the lifecycle runs (200; 3 in smoke mode)
 * @param waitsLoad the load whose jobs' histories {@code waits} come from, or null
 * @param errorReasons why jobs failed, with how many
 */
record Result(
    String service,
    String temporalVersion,
    String about,
    boolean smoke,
    String started,
    String finished,
    long seconds,
    String machine,
    int topConcurrency,
    List<Latency> latencies,
    List<Lifecycle> lifecycle,
    String waitsLoad,
    List<Wait> waits,
    List<Throughput> throughput,
    List<Cpu> cpu,
    List<Memory> memory,
    Map<String, String> sockets,
    int errors,
    Map<String, Integer> errorReasons) {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** Latency of one measurement (ms). */
  record Latency(String name, int n, double p50, double p95, double p99, double max) {
    static Latency of(Stats s) {
      return new Latency(
          s.name, s.count(), s.percentile(50), s.percentile(95), s.percentile(99), s.max());
    }
  }

  /** The full lifecycle of {@code concurrency} jobs at once. */
  record Lifecycle(int concurrency, int done, double seconds, double jobsPerMinute, int errors) {}

  /** One kind of task's wait at the Temporal service, from scheduled to started (ms). */
  record Wait(String task, int n, double mean, double p50, double p90, double p99, double max) {}

  /** Bare workflows of a job's shape against ours, at the same concurrency. */
  record Throughput(int concurrency, String shape, double floorPerMinute, Double oursPerMinute) {}

  /**
   * CPU time per job while a phase ran (ms), by process: {@link CpuTimes#PROCESSES}, "bench",
   * "rest" and "total"; null where a process could not be read.
   */
  record Cpu(String phase, int jobs, Double machineBusyPercent, Map<String, Double> msPerJob) {}

  /** Resident memory of a process of scripts/run, idle and after the run. */
  record Memory(String process, String idle, String after) {}

  void write(Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    JSON.writeValue(file.toFile(), this);
  }

  static Result read(Path file) {
    return JSON.readValue(file.toFile(), Result.class);
  }

  /** The latency whose name starts with {@code prefix} and ends with {@code suffix}, if any. */
  Latency latency(String prefix, String suffix) {
    return latencies.stream()
        .filter(l -> l.name().startsWith(prefix) && l.name().endsWith(suffix))
        .findFirst()
        .orElse(null);
  }

  Latency latencyNamed(String name) {
    return latencies.stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
  }
}
