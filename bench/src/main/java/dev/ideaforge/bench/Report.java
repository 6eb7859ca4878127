package dev.ideaforge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The benchmark's Markdown report and its HTML chart (inline SVG, no scripts, no network). */
final class Report {

  /** Which floor each of our measurements (by name prefix) is compared with. */
  private static final Map<String, String> FLOOR_OF =
      Map.of(
          "relay:", "floor: Redis publish → receive",
          "fan-out:", "floor: WebSocket broadcast",
          "first reply:", "floor: Temporal signal → activity",
          "chat turn:", "floor: Temporal signal → activity");

  private final Benchmark bench;
  private final Instant started;
  private final Instant finished;

  Report(Benchmark bench, Instant started, Instant finished) {
    this.bench = bench;
    this.started = started;
    this.finished = finished;
  }

  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    String stamp =
        DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC).format(started);
    String name = (bench.smoke ? "smoke-" : "") + stamp;
    Files.writeString(dir.resolve(name + ".md"), markdown(name + ".html"));
    Files.writeString(dir.resolve(name + ".html"), html());
    System.out.println("bench: wrote " + dir.resolve(name + ".md") + " and " + name + ".html");
    System.out.print(markdown(name + ".html"));
  }

  private String markdown(String chart) {
    StringBuilder md = new StringBuilder();
    md.append("# Ideaforge benchmark").append(bench.smoke ? " (smoke mode)" : "").append("\n\n");
    md.append("- Date: ")
        .append(started)
        .append(" (")
        .append(Duration.between(started, finished).toSeconds())
        .append(" s)\n");
    md.append("- Machine: ").append(Benchmark.machine()).append('\n');
    md.append("- System: api-server, workflow-worker and the Temporal Java test server on this")
        .append(" machine (scripts/run), local PostgreSQL and Redis, LLM_PROVIDER=scripted")
        .append(" (so only our own overhead is measured), default agent settings.\n");
    md.append("- Chart: [").append(chart).append("](").append(chart).append(")\n\n");
    md.append("## Latencies (ms)\n\n");
    md.append(
        "| Measurement | n | p50 | p95 | p99 | max | p50 / floor p50 |\n|---|---|---|---|---|---|---|\n");
    for (Stats s : bench.stats.values()) {
      String floor =
          FLOOR_OF.entrySet().stream()
              .filter(f -> s.name.startsWith(f.getKey()))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
      String ratio = "";
      Stats floorStats =
          floor == null
              ? null
              : bench.stats.values().stream()
                  .filter(f -> f.name.startsWith(floor))
                  .findFirst()
                  .orElse(null);
      if (floorStats != null) {
        ratio =
            String.format(
                "%.1f× (%s)",
                s.percentile(50) / floorStats.percentile(50),
                floorStats.name.replace("floor: ", ""));
      }
      md.append(
          String.format(
              "| %s | %d | %.1f | %.1f | %.1f | %.1f | %s |%n",
              s.name,
              s.count(),
              s.percentile(50),
              s.percentile(95),
              s.percentile(99),
              s.max(),
              ratio));
    }
    md.append("\nRows marked \"unloaded\" come from jobs run one at a time; the others were")
        .append(" measured while that many jobs ran at once, so they include queueing (the")
        .append(" executive phase runs at most AGENT_MAX_RUNNING_JOBS=4 discussions at a time).\n");
    md.append("\n## Full lifecycle under concurrency\n\n");
    table(
        md,
        List.of("Concurrent jobs", "Done", "Wall time (s)", "Jobs / minute", "Errors"),
        bench.lifecycle);
    if (bench.waitsLoad != null) {
      md.append("\n## Where jobs waited at the Temporal service, ")
          .append(bench.waitsLoad)
          .append("\n\n");
      md.append(
          "From the jobs' histories: each task from scheduled to started, i.e. until a poller of"
              + " our worker took it (ms). A workflow task is named by what woke the workflow.\n\n");
      table(md, List.of("Task", "n", "mean", "p50", "p90", "p99", "max"), bench.waits.rows());
    }
    md.append("\n## Throughput against its floor\n\n");
    md.append(
        "The floor: as many bare workflows at once, each with the shape of a real job's history"
            + " (signals, activities, timers; the activities do nothing), on the same Temporal"
            + " service with our worker's settings (50 slots, the same workflow cache), driven from"
            + " the benchmark's process.\n\n");
    table(
        md,
        List.of(
            "Concurrent",
            "Shape (per job)",
            "Floor jobs / minute",
            "Ours jobs / minute",
            "Ours / floor"),
        bench.throughput);
    md.append("\n## CPU per job\n\n");
    md.append(
        "CPU time (ms) used per job while the phase ran, by process (from /proc); \"rest\" is"
            + " the machine's other busy time: PostgreSQL, Redis, the kernel.\n\n");
    table(
        md,
        List.of(
            "Phase", "Machine busy", "Total", "api-server", "worker", "Temporal", "bench", "rest"),
        bench.cpu);
    md.append("\n## Memory (resident, per process of scripts/run)\n\n");
    md.append("| Process | Idle (before the run) | After the run |\n|---|---|---|\n");
    bench.memory.forEach(
        (process, v) ->
            md.append("| ")
                .append(process)
                .append(" | ")
                .append(v[0])
                .append(" | ")
                .append(v[1])
                .append(" |\n"));
    md.append("\n## Sockets\n\n");
    bench.sockets.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    md.append("\nErrors in the whole run: ").append(bench.errors.get()).append("\n\n");
    md.append("How to read it: the floors are the bare cost of the parts (one Redis round trip,")
        .append(" one PostgreSQL commit, one Temporal signal that runs one activity). A chat turn")
        .append(" is at least a signal, an activity with two transactions and a Redis hop; its")
        .append(" ratio to the Temporal floor is our overhead factor.\n");
    return md.toString();
  }

  /** A Markdown table: the header, its separator, one line per row. */
  private static void table(StringBuilder md, List<String> header, List<String[]> rows) {
    md.append("| ").append(String.join(" | ", header)).append(" |\n|");
    md.append("---|".repeat(header.size())).append('\n');
    for (String[] row : rows) {
      md.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
  }

  private String html() {
    List<Stats> all = List.copyOf(bench.stats.values());
    double max =
        all.stream()
            .mapToDouble(s -> s.percentile(99))
            .filter(d -> !Double.isNaN(d))
            .max()
            .orElse(1);
    int rowHeight = 54;
    int width = 980;
    int labelWidth = 330;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='12'>",
            width, all.size() * rowHeight + 40));
    String[] colors = {"#4e79a7", "#f28e2b", "#e15759"};
    String[] labels = {"p50", "p95", "p99"};
    double[] ps = {50, 95, 99};
    for (int i = 0; i < all.size(); i++) {
      Stats s = all.get(i);
      int y = 20 + i * rowHeight;
      svg.append(String.format("<text x='0' y='%d'>%s</text>", y + 20, escape(s.name)));
      for (int k = 0; k < 3; k++) {
        double v = s.percentile(ps[k]);
        double w =
            Double.isNaN(v)
                ? 0
                : Math.max(1, Math.log1p(v) / Math.log1p(max) * (width - labelWidth - 90));
        svg.append(
            String.format(
                "<rect x='%d' y='%d' width='%.0f' height='14' fill='%s'/>",
                labelWidth, y + k * 15, w, colors[k]));
        svg.append(
            String.format(
                "<text x='%.0f' y='%d'>%s %.1f ms</text>",
                labelWidth + w + 4, y + k * 15 + 11, labels[k], v));
      }
    }
    svg.append("</svg>");
    return "<!doctype html><meta charset='utf-8'><title>Ideaforge benchmark</title>"
        + "<h1>Ideaforge benchmark"
        + (bench.smoke ? " (smoke)" : "")
        + "</h1>"
        + "<p>"
        + escape(started.toString())
        + " — "
        + escape(Benchmark.machine())
        + ". Bars are log-scaled; labels give milliseconds.</p>"
        + svg;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
