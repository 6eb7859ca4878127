package dev.ideaforge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The benchmark's Markdown report and its HTML chart (inline SVG, no scripts, no network), of one
 * run or of runs on several Temporal services side by side: a headline table with one column per
 * service, then every table with each service's row under the other's.
 */
final class Report {

  /** Which floor each of our measurements (by name prefix) is compared with. */
  private static final Map<String, String> FLOOR_OF =
      Map.of(
          "relay:", "floor: Redis publish → receive",
          "fan-out:", "floor: WebSocket broadcast",
          "first reply:", "floor: Temporal signal → activity",
          "chat turn:", "floor: Temporal signal → activity");

  private static final String FIRST_REPLY = "first reply:";
  private static final String CHAT_TURN = "chat turn:";
  private static final String RELAY = "relay:";

  private final List<Result> results;
  private final boolean smoke;

  Report(List<Result> results) {
    this.results = results;
    this.smoke = results.stream().anyMatch(Result::smoke);
  }

  /** Writes the report into {@code dir}; {@code print}: the Markdown to stdout as well. */
  void write(Path dir, boolean print) throws IOException {
    Files.createDirectories(dir);
    String stamp =
        DateTimeFormatter.ofPattern("yyyy-MM-dd")
            .withZone(ZoneOffset.UTC)
            .format(Instant.parse(results.get(0).started()));
    String name = (smoke ? "smoke-" : "") + stamp;
    String markdown = markdown(name + ".html");
    Files.writeString(dir.resolve(name + ".md"), markdown);
    Files.writeString(dir.resolve(name + ".html"), html());
    System.out.println("bench: wrote " + dir.resolve(name + ".md") + " and " + name + ".html");
    if (print) {
      System.out.print(markdown);
    }
  }

  private String markdown(String chart) {
    StringBuilder md = new StringBuilder();
    md.append("# Ideaforge benchmark").append(smoke ? " (smoke mode)" : "").append("\n\n");
    md.append("- Date: ").append(results.get(0).started(), 0, 10).append('\n');
    md.append("- Machine: ").append(results.get(0).machine()).append('\n');
    md.append("- System: api-server, workflow-worker and the Temporal service on this machine")
        .append(" (scripts/run), local PostgreSQL and Redis, LLM_PROVIDER=scripted (so only our")
        .append(" own overhead is measured), default agent settings.");
    if (results.size() > 1) {
      md.append(" Each Temporal service got a system of its own, one after the other: a fresh")
          .append(" database and run directory, started, measured, stopped. Every floor is")
          .append(" measured on the same system as the figures beside it.");
    }
    md.append('\n');
    for (Result r : results) {
      md.append("- ")
          .append(results.size() > 1 ? "**" + r.service() + "**: " : "Temporal service: ")
          .append(describe(r))
          .append(". Run ")
          .append(r.started())
          .append(" (")
          .append(r.seconds())
          .append(" s).\n");
    }
    md.append("- Chart: [").append(chart).append("](").append(chart).append(")\n");

    md.append("\n## Headline\n\n");
    table(md, headlineHeader(), headline());
    md.append("\n\"Unloaded\" jobs ran one at a time. CPU is per job while the jobs ran, from")
        .append(" /proc; \"rest\" is the machine's other busy time: PostgreSQL, Redis, the kernel.")
        .append(" The sections below give every figure, each service's row under the other's.\n");

    md.append("\n## Latencies (ms)\n\n");
    sideBySide(
        md,
        List.of("Measurement", "n", "p50", "p95", "p99", "max", "p50 / floor p50"),
        r ->
            r.latencies().stream()
                .map(
                    l ->
                        new String[] {
                          l.name(),
                          String.valueOf(l.n()),
                          ms(l.p50()),
                          ms(l.p95()),
                          ms(l.p99()),
                          ms(l.max()),
                          ratioToFloor(r, l)
                        })
                .toList());
    md.append("\nRows marked \"unloaded\" come from jobs run one at a time; the others were")
        .append(" measured while that many jobs ran at once, so they include queueing (the")
        .append(" executive phase runs at most AGENT_MAX_RUNNING_JOBS=4 discussions at a time).\n");

    md.append("\n## Full lifecycle under concurrency\n\n");
    sideBySide(
        md,
        List.of("Concurrent jobs", "Done", "Wall time (s)", "Jobs / minute", "Errors"),
        r ->
            r.lifecycle().stream()
                .map(
                    l ->
                        new String[] {
                          String.valueOf(l.concurrency()),
                          String.valueOf(l.done()),
                          String.format("%.1f", l.seconds()),
                          String.format("%.1f", l.jobsPerMinute()),
                          String.valueOf(l.errors())
                        })
                .toList());

    String waitsLoad =
        results.stream().map(Result::waitsLoad).filter(w -> w != null).findFirst().orElse(null);
    if (waitsLoad != null) {
      md.append("\n## Where jobs waited at the Temporal service, ")
          .append(waitsLoad)
          .append("\n\n");
      md.append(
          "From the jobs' histories: each task from scheduled to started, i.e. until a poller of"
              + " our worker took it (ms). A workflow task is named by what woke the workflow. A"
              + " real Temporal server can hand an activity of the workflow's own task queue back"
              + " with the completion of the workflow task that scheduled it (eager dispatch), so"
              + " that it waits ~0; the Java test server does not.\n\n");
      sideBySide(
          md,
          List.of("Task", "n", "mean", "p50", "p90", "p99", "max"),
          r ->
              r.waits().stream()
                  .map(
                      w ->
                          new String[] {
                            w.task(),
                            String.valueOf(w.n()),
                            String.format("%.0f", w.mean()),
                            String.format("%.0f", w.p50()),
                            String.format("%.0f", w.p90()),
                            String.format("%.0f", w.p99()),
                            String.format("%.0f", w.max())
                          })
                  .toList());
    }

    md.append("\n## Throughput against its floor\n\n");
    md.append(
        "The floor: as many bare workflows at once, each with the shape of a real job's history"
            + " (signals, activities, timers; the activities do nothing), on the same Temporal"
            + " service with our worker's settings (50 slots, the same workflow cache), driven from"
            + " the benchmark's process.\n\n");
    sideBySide(
        md,
        List.of(
            "Concurrent",
            "Shape (per job)",
            "Floor jobs / minute",
            "Ours jobs / minute",
            "Ours / floor"),
        r ->
            r.throughput().stream()
                .map(
                    t ->
                        new String[] {
                          String.valueOf(t.concurrency()),
                          t.shape(),
                          String.format("%.1f", t.floorPerMinute()),
                          t.oursPerMinute() == null ? "" : String.format("%.1f", t.oursPerMinute()),
                          t.oursPerMinute() == null
                              ? ""
                              : String.format("%.2f", t.oursPerMinute() / t.floorPerMinute())
                        })
                .toList());

    md.append("\n## CPU per job\n\n");
    md.append(
        "CPU time (ms) used per job while the phase ran, by process (from /proc); \"rest\" is"
            + " the machine's other busy time: PostgreSQL, Redis, the kernel. The dev server keeps"
            + " its state in SQLite inside its own process, so its persistence counts under"
            + " Temporal; the test server keeps it in memory.\n\n");
    sideBySide(
        md,
        List.of(
            "Phase", "Machine busy", "Total", "api-server", "worker", "Temporal", "bench", "rest"),
        r ->
            r.cpu().stream()
                .map(
                    c ->
                        new String[] {
                          c.phase(),
                          c.machineBusyPercent() == null
                              ? "?"
                              : String.format("%.0f%%", c.machineBusyPercent()),
                          cpuMs(c, "total"),
                          cpuMs(c, "api-server"),
                          cpuMs(c, "worker"),
                          cpuMs(c, "temporal"),
                          cpuMs(c, "bench"),
                          cpuMs(c, "rest")
                        })
                .toList());

    md.append("\n## Memory (resident, per process of scripts/run)\n\n");
    sideBySide(
        md,
        List.of("Process", "Idle (before the run)", "After the run"),
        r ->
            r.memory().stream().map(m -> new String[] {m.process(), m.idle(), m.after()}).toList());

    md.append("\n## Sockets\n\n");
    sideBySide(
        md,
        List.of("Figure", "Value"),
        r ->
            r.sockets().entrySet().stream()
                .map(e -> new String[] {e.getKey(), e.getValue()})
                .toList());

    md.append("\nErrors in the whole run: ");
    for (int i = 0; i < results.size(); i++) {
      Result r = results.get(i);
      md.append(i > 0 ? "; " : "")
          .append(results.size() > 1 ? r.service() + " " : "")
          .append(errors(r));
    }
    md.append(
            "\n\nHow to read it: the floors are the bare cost of the parts (one Redis round trip,")
        .append(" one PostgreSQL commit, one Temporal signal that runs one activity). A chat turn")
        .append(" is at least a signal, an activity with two transactions and a Redis hop; its")
        .append(" ratio to the Temporal floor is our overhead factor.\n");
    return md.toString();
  }

  /** What the service is: its --about, and the server version it reports (the test server none). */
  private static String describe(Result r) {
    String version =
        r.temporalVersion().isBlank()
            ? "the Java SDK's test server (it reports no server version)"
            : "Temporal server " + r.temporalVersion();
    return r.about() == null
        ? version
        : r.about() + (r.temporalVersion().isBlank() ? "" : "; " + version);
  }

  private List<String> headlineHeader() {
    List<String> header = new ArrayList<>(List.of("Figure"));
    results.forEach(r -> header.add(r.service()));
    return header;
  }

  /** The figures a reader compares first: one row per figure, one column per service. */
  private List<String[]> headline() {
    int top = results.get(0).topConcurrency();
    String loaded = top + " concurrent";
    List<String[]> rows = new ArrayList<>();
    rows.add(row("First reply p99, unloaded (ms)", r -> p99(r, FIRST_REPLY, "unloaded")));
    rows.add(row("First reply p99, " + loaded + " (ms)", r -> p99(r, FIRST_REPLY, loaded(r))));
    rows.add(row("Chat turn p99, unloaded (ms)", r -> p99(r, CHAT_TURN, "unloaded")));
    rows.add(row("Chat turn p99, " + loaded + " (ms)", r -> p99(r, CHAT_TURN, loaded(r))));
    rows.add(row("Relay p99, unloaded (ms)", r -> p99(r, RELAY, "unloaded")));
    rows.add(row("Relay p99, " + loaded + " (ms)", r -> p99(r, RELAY, loaded(r))));
    Result.Latency fanOut = results.get(0).latency("fan-out:", "");
    rows.add(
        row(
            "Fan-out p99"
                + (fanOut == null
                    ? ""
                    : fanOut.name().replaceAll(".* (\\d+) sockets$", " to $1 sockets"))
                + " (bare broadcast p99) (ms)",
            r -> {
              Result.Latency ours = r.latency("fan-out:", "");
              Result.Latency floor = r.latency("floor: WebSocket broadcast", "");
              return ours == null
                  ? ""
                  : ms(ours.p99()) + (floor == null ? "" : " (" + ms(floor.p99()) + ")");
            }));
    rows.add(
        row(
            "Lifecycle, " + loaded + " (jobs / minute)",
            r ->
                r.lifecycle().stream()
                    .filter(l -> l.concurrency() == r.topConcurrency())
                    .map(
                        l ->
                            String.format("%.1f", l.jobsPerMinute())
                                + (l.done() < l.concurrency()
                                    ? " (" + l.done() + " of " + l.concurrency() + " done)"
                                    : ""))
                    .findFirst()
                    .orElse("")));
    rows.add(
        row(
            "Same-shape floor, " + loaded + " (jobs / minute)",
            r -> throughput(r, t -> String.format("%.1f", t.floorPerMinute()))));
    rows.add(
        row(
            "Lifecycle / floor",
            r ->
                throughput(
                    r,
                    t ->
                        t.oursPerMinute() == null
                            ? ""
                            : String.format("%.2f", t.oursPerMinute() / t.floorPerMinute()))));
    rows.add(
        row(
            "Temporal floor: signal → activity p50 / p99 (ms)",
            r -> {
              Result.Latency floor = r.latency("floor: Temporal signal → activity", "");
              return floor == null ? "" : ms(floor.p50()) + " / " + ms(floor.p99());
            }));
    for (String[] process :
        List.of(
            new String[] {"total", "total (machine busy)"},
            new String[] {"api-server", "api-server"},
            new String[] {"worker", "worker"},
            new String[] {"temporal", "Temporal service"},
            new String[] {"bench", "bench (the load)"},
            new String[] {"rest", "rest (PostgreSQL, Redis, kernel)"})) {
      rows.add(
          row(
              "CPU per job, " + loaded + " (ms): " + process[1],
              r ->
                  r.cpu().stream()
                      .filter(c -> c.phase().equals("ours, " + r.topConcurrency() + " jobs"))
                      .map(c -> cpuMs(c, process[0]))
                      .findFirst()
                      .orElse("")));
    }
    rows.add(row("Errors", Report::errors));
    return rows;
  }

  /**
   * How many jobs failed and why, e.g. "3 (POST /api/jobs/ answered 503: 2, the job failed: 1)".
   */
  private static String errors(Result r) {
    if (r.errorReasons() == null || r.errorReasons().isEmpty()) {
      return String.valueOf(r.errors());
    }
    StringBuilder why = new StringBuilder();
    r.errorReasons().entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(
            e ->
                why.append(why.isEmpty() ? "" : ", ")
                    .append(e.getKey())
                    .append(": ")
                    .append(e.getValue()));
    return r.errors() + " (" + why + ")";
  }

  private static String loaded(Result r) {
    return r.topConcurrency() + " concurrent";
  }

  private String[] row(String figure, Function<Result, String> value) {
    String[] row = new String[results.size() + 1];
    row[0] = figure;
    for (int i = 0; i < results.size(); i++) {
      row[i + 1] = value.apply(results.get(i));
    }
    return row;
  }

  private static String p99(Result r, String prefix, String load) {
    Result.Latency l = r.latency(prefix, ", " + load);
    return l == null ? "" : ms(l.p99());
  }

  private static String throughput(Result r, Function<Result.Throughput, String> figure) {
    return r.throughput().stream()
        .filter(t -> t.concurrency() == r.topConcurrency())
        .map(figure)
        .findFirst()
        .orElse("");
  }

  /** Our p50 against the p50 of its floor in the same run, e.g. "3.4× (Redis publish → ...)". */
  private static String ratioToFloor(Result r, Result.Latency l) {
    return FLOOR_OF.entrySet().stream()
        .filter(f -> l.name().startsWith(f.getKey()))
        .map(f -> r.latency(f.getValue(), ""))
        .filter(floor -> floor != null)
        .map(
            floor ->
                String.format(
                    "%.1f× (%s)", l.p50() / floor.p50(), floor.name().replace("floor: ", "")))
        .findFirst()
        .orElse("");
  }

  private static String ms(double v) {
    return String.format("%.1f", v);
  }

  private static String cpuMs(Result.Cpu c, String process) {
    Double v = c.msPerJob().get(process);
    return v == null ? "?" : String.format("%.0f", v);
  }

  /**
   * A table of every result's rows, keyed by their first cell: the rows of one key stand together,
   * one per service, named in a column of its own when there are several.
   */
  private void sideBySide(
      StringBuilder md, List<String> header, Function<Result, List<String[]>> rowsOf) {
    if (results.size() == 1) {
      table(md, header, rowsOf.apply(results.get(0)));
      return;
    }
    // Keys in the first result's order; a key only a later result has goes right after the key
    // that comes before it there (e.g. a task kind only one service's histories show).
    List<String> order = new ArrayList<>();
    Map<String, String[][]> byKey = new HashMap<>();
    for (int i = 0; i < results.size(); i++) {
      int at = 0;
      for (String[] row : rowsOf.apply(results.get(i))) {
        if (!byKey.containsKey(row[0])) {
          order.add(at, row[0]);
        }
        at = order.indexOf(row[0]) + 1;
        byKey.computeIfAbsent(row[0], k -> new String[results.size()][])[i] = row;
      }
    }
    List<String> withService = new ArrayList<>(header);
    withService.add(1, "Service");
    List<String[]> rows = new ArrayList<>();
    for (String key : order) {
      String[][] group = byKey.get(key);
      boolean first = true;
      for (int i = 0; i < results.size(); i++) {
        if (group[i] == null) {
          continue;
        }
        List<String> out = new ArrayList<>(List.of(group[i]));
        out.set(0, first ? key : ""); // the key once: the rows below it are its rows too
        out.add(1, results.get(i).service());
        rows.add(out.toArray(String[]::new));
        first = false;
      }
    }
    table(md, withService, rows);
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
    // One group of bars per measurement, one p50/p95/p99 triple per service within it.
    Set<String> names = new LinkedHashSet<>();
    results.forEach(r -> r.latencies().forEach(l -> names.add(l.name())));
    double max =
        results.stream()
            .flatMap(r -> r.latencies().stream())
            .mapToDouble(Result.Latency::p99)
            .max()
            .orElse(1);
    int barsHeight = 15 * 3;
    int width = 1080;
    int labelWidth = 430;
    StringBuilder svg = new StringBuilder();
    int y = 10;
    StringBuilder body = new StringBuilder();
    String[] colors = {"#4e79a7", "#f28e2b", "#e15759"};
    String[] labels = {"p50", "p95", "p99"};
    for (String name : names) {
      body.append(
          String.format("<text x='0' y='%d' font-weight='bold'>%s</text>", y + 12, escape(name)));
      y += 18;
      for (Result r : results) {
        Result.Latency l = r.latencyNamed(name);
        if (l == null) {
          continue;
        }
        if (results.size() > 1) {
          body.append(String.format("<text x='16' y='%d'>%s</text>", y + 26, escape(r.service())));
        }
        double[] values = {l.p50(), l.p95(), l.p99()};
        for (int k = 0; k < 3; k++) {
          double w =
              Math.max(1, Math.log1p(values[k]) / Math.log1p(max) * (width - labelWidth - 130));
          body.append(
              String.format(
                  "<rect x='%d' y='%d' width='%.0f' height='14' fill='%s'/>",
                  labelWidth, y + k * 15, w, colors[k]));
          body.append(
              String.format(
                  "<text x='%.0f' y='%d'>%s %.1f ms</text>",
                  labelWidth + w + 4, y + k * 15 + 11, labels[k], values[k]));
        }
        y += barsHeight + 6;
      }
      y += 8;
    }
    svg.append(
        String.format(
            "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d'"
                + " font-family='sans-serif' font-size='12'>",
            width, y + 10));
    svg.append(body).append("</svg>");
    StringBuilder headline = new StringBuilder("<table border='1' cellpadding='4'><tr>");
    headlineHeader().forEach(h -> headline.append("<th>").append(escape(h)).append("</th>"));
    headline.append("</tr>");
    for (String[] row : headline()) {
      headline.append("<tr>");
      for (String cell : row) {
        headline.append("<td>").append(escape(cell)).append("</td>");
      }
      headline.append("</tr>");
    }
    headline.append("</table>");
    return "<!doctype html><meta charset='utf-8'><title>Ideaforge benchmark</title>"
        + "<h1>Ideaforge benchmark"
        + (smoke ? " (smoke)" : "")
        + "</h1>"
        + "<p>"
        + escape(results.get(0).started())
        + " — "
        + escape(results.get(0).machine())
        + ".</p>"
        + headline
        + "<p>Latencies: bars are log-scaled; labels give milliseconds.</p>"
        + svg;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
