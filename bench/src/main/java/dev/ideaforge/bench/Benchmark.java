package dev.ideaforge.bench;

import dev.ideaforge.testsupport.HttpApi;
import dev.ideaforge.testsupport.Interviewee;
import dev.ideaforge.testsupport.SocketClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Drives a running Ideaforge (scripts/bench starts one) and measures what users feel, next to the
 * floors of the parts it is built on, measured in the same run on the same machine. Writes a
 * Markdown report and an HTML chart, and with {@code --result} what it measured as JSON.
 *
 * <p>Arguments: {@code --smoke} (small sizes, to check that it works), {@code --base-url}, {@code
 * --database-url}, {@code --redis}, {@code --temporal}, {@code --out}, {@code --run-dir} (where
 * scripts/run keeps its pid files, for the CPU and memory readings), {@code --service} (the name of
 * this run's column in a report) and {@code --about} (what that service is, in words), {@code
 * --result} (a JSON file for the measurements).
 *
 * <p>{@code --render a.json,b.json --out dir} measures nothing: it renders the results of runs on
 * several Temporal services side by side in one report.
 */
public final class Benchmark {

  final Map<String, String> args;
  final boolean smoke;
  final HttpApi api;
  final String wsBase;
  final Map<String, Stats> stats = new LinkedHashMap<>();
  final Map<String, String> sockets = new LinkedHashMap<>();
  final AtomicInteger errors = new AtomicInteger();

  /** Why jobs failed, with how many: a count of errors alone does not say what to look at. */
  final Map<String, AtomicInteger> errorReasons = new ConcurrentHashMap<>();

  final Map<String, String[]> memory = new LinkedHashMap<>();
  final List<Result.Cpu> cpu = new ArrayList<>();
  final List<Result.Throughput> throughput = new ArrayList<>();
  final List<Result.Lifecycle> lifecycle = new ArrayList<>();

  /** The jobs driven under each load, e.g. "200 concurrent". */
  private final Map<String, Queue<String>> jobsOf = new ConcurrentHashMap<>();

  /** Where the jobs of the highest concurrency waited at the Temporal service. */
  final TaskWaits waits = new TaskWaits();

  String waitsLoad;

  int topConcurrency;

  /** What the Temporal service says it is: its version, blank for the Java test server. */
  String temporalVersion = "";

  /** Which load the job measurements belong to, e.g. "unloaded" or "50 concurrent". */
  private volatile String load = "unloaded";

  /** A job that reached done, whose workflow history gives the floor workflow its shape. */
  private volatile String doneJobId;

  /** When the bench's own subscriber saw each wake-up, by "jobId:seq". */
  private final Map<String, Long> wakeUps = new ConcurrentHashMap<>();

  /** Live events as they reached a socket: "jobId:seq", arrival, when the socket opened, load. */
  private final Queue<Object[]> arrivals = new ConcurrentLinkedQueue<>();

  Benchmark(Map<String, String> args) {
    this.args = args;
    this.smoke = args.containsKey("smoke");
    String base = args.getOrDefault("base-url", "http://127.0.0.1:8000");
    this.api = new HttpApi(base);
    this.wsBase = base.replaceFirst("^http", "ws");
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new LinkedHashMap<>();
    for (int i = 0; i < argv.length; i++) {
      String key = argv[i].replaceFirst("^--", "");
      if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
        args.put(key, argv[++i]);
      } else {
        args.put(key, "true");
      }
    }
    Path out = Path.of(args.getOrDefault("out", "bench/reports"));
    if (args.containsKey("render")) {
      List<Result> results = new ArrayList<>();
      for (String file : args.get("render").split(",", -1)) {
        results.add(Result.read(Path.of(file)));
      }
      new Report(results).write(out, true);
      System.exit(0);
    }
    Benchmark bench = new Benchmark(args);
    Instant started = Instant.now();
    bench.run();
    Result result = bench.result(started, Instant.now());
    if (args.containsKey("result")) {
      result.write(Path.of(args.get("result")));
    }
    // A run for scripts/bench (--result) is printed when the services' report is rendered.
    new Report(List.of(result)).write(out, !args.containsKey("result"));
    System.exit(0);
  }

  Result result(Instant started, Instant finished) {
    List<Result.Memory> rss = new ArrayList<>();
    memory.forEach((process, v) -> rss.add(new Result.Memory(process, v[0], v[1])));
    return new Result(
        args.getOrDefault(
            "service", temporalVersion.isBlank() ? "test server" : "Temporal " + temporalVersion),
        temporalVersion,
        args.get("about"),
        smoke,
        started.toString(),
        finished.toString(),
        Duration.between(started, finished).toSeconds(),
        machine(),
        topConcurrency,
        latencies(),
        lifecycle,
        waitsLoad,
        waits.rows(),
        throughput,
        cpu,
        rss,
        sockets,
        errors.get(),
        errorReasons.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())));
  }

  int size(int full, int small) {
    return smoke ? small : full;
  }

  /**
   * The measurement {@code name}, made on first use. Synchronized: hundreds of job threads record
   * at once, and a plain map they raced on lost samples and whole measurements at 200 jobs.
   */
  Stats stats(String name) {
    synchronized (stats) {
      return stats.computeIfAbsent(name, Stats::new);
    }
  }

  private List<Result.Latency> latencies() {
    synchronized (stats) {
      return stats.values().stream().filter(s -> s.count() > 0).map(Result.Latency::of).toList();
    }
  }

  void run() throws Exception {
    temporalVersion = temporalVersion();
    log("Temporal service: " + (temporalVersion.isBlank() ? "test server" : temporalVersion));
    rss("idle");
    log("floors");
    redisFloor(size(500, 30));
    postgresFloor(size(500, 30));
    temporalFloor(size(200, 20));
    RedisClient redis = RedisClient.create(args.getOrDefault("redis", "redis://127.0.0.1:6379"));
    try (StatefulRedisPubSubConnection<String, String> wakeUpFeed = subscribeToWakeUps(redis)) {
      log("first reply and chat turns");
      interviews(size(30, 3));
      recordRelay();
      int top = smoke ? 3 : 200;
      topConcurrency = top;
      for (int concurrency : smoke ? List.of(1, 3) : List.of(1, 10, 50, 200)) {
        log("lifecycle at concurrency " + concurrency);
        lifecycle(concurrency);
        recordRelay();
      }
      log("waits at the Temporal service at concurrency " + top);
      taskWaits(top + " concurrent");
      log("floor: bare workflows of a job's shape at concurrency " + top);
      shapeFloor(top);
    } finally {
      redis.shutdown();
    }
    log("idle sockets and fan-out");
    // Smoke sizes stay within the default per-user socket limit (20), so CI needs no override.
    sockets(size(5000, 20), size(500, 10));
    rss("after the run");
  }

  static void log(String what) {
    System.out.println("bench: " + what);
  }

  // ---- floors

  void redisFloor(int samples) throws Exception {
    RedisClient client = RedisClient.create(args.getOrDefault("redis", "redis://127.0.0.1:6379"));
    try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
        StatefulRedisConnection<String, String> pub = client.connect()) {
      Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
      sub.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
              CompletableFuture<Long> f = waiting.remove(message);
              if (f != null) {
                f.complete(System.nanoTime());
              }
            }
          });
      sub.sync().subscribe("bench:floor");
      Stats s = stats("floor: Redis publish → receive");
      for (int i = 0; i < samples; i++) {
        String id = "m" + i;
        CompletableFuture<Long> got = new CompletableFuture<>();
        waiting.put(id, got);
        long t0 = System.nanoTime();
        pub.sync().publish("bench:floor", id);
        s.addNanos(got.get(5, TimeUnit.SECONDS) - t0);
      }
    } finally {
      client.shutdown();
    }
  }

  void postgresFloor(int samples) throws Exception {
    String url = args.getOrDefault("database-url", "jdbc:postgresql://127.0.0.1:5432/ideaforge");
    try (Connection c =
        DriverManager.getConnection(
            url,
            args.getOrDefault("database-user", "postgres"),
            // As the services take it (and off the command line, where ps shows it).
            args.getOrDefault(
                "database-password",
                Objects.requireNonNullElse(System.getenv("DATABASE_PASSWORD"), "")))) {
      try (Statement st = c.createStatement()) {
        st.execute(
            "create temporary table bench_floor (id uuid primary key, body jsonb, at timestamptz)");
      }
      c.setAutoCommit(false);
      Stats s = stats("floor: PostgreSQL insert + commit");
      try (PreparedStatement ps =
          c.prepareStatement("insert into bench_floor values (?, cast(? as jsonb), now())")) {
        for (int i = 0; i < samples; i++) {
          long t0 = System.nanoTime();
          ps.setObject(1, UUID.randomUUID());
          ps.setString(2, "{\"n\":" + i + "}");
          ps.executeUpdate();
          c.commit();
          s.addNanos(System.nanoTime() - t0);
        }
      }
    }
  }

  /** A connection to the Temporal service the system uses (--temporal). */
  WorkflowServiceStubs temporalService() {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(args.getOrDefault("temporal", "127.0.0.1:7233"))
            .build());
  }

  /**
   * The server version the Temporal service reports; the Java test server reports none (the worker
   * tells them apart the same way).
   */
  String temporalVersion() {
    WorkflowServiceStubs service = temporalService();
    try {
      return service
          .blockingStub()
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
          .getServerVersion();
    } finally {
      service.shutdownNow();
    }
  }

  void temporalFloor(int samples) throws Exception {
    WorkflowServiceStubs service = temporalService();
    WorkflowClient client = WorkflowClient.newInstance(service);
    WorkerFactory factory = WorkerFactory.newInstance(client);
    String queue = "bench-floor-" + UUID.randomUUID();
    Worker worker = factory.newWorker(queue);
    Map<Long, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
    worker.registerWorkflowImplementationTypes(PingWorkflow.Impl.class);
    worker.registerActivitiesImplementations(
        (PingWorkflow.Pong) id -> waiting.get(id).complete(System.nanoTime()));
    factory.start();
    try {
      PingWorkflow wf =
          client.newWorkflowStub(
              PingWorkflow.class,
              WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(queue).build());
      WorkflowClient.start(wf::run, samples + 5);
      Stats s = stats("floor: Temporal signal → activity");
      for (long i = 0; i < samples + 5; i++) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        waiting.put(i, done);
        long t0 = System.nanoTime();
        wf.ping(i);
        long t1 = done.get(10, TimeUnit.SECONDS);
        if (i >= 5) { // warm-up
          s.addNanos(t1 - t0);
        }
      }
    } finally {
      // Not shutdownNow: the last Pong would fail to report its completion, and log so.
      factory.shutdown();
      factory.awaitTermination(10, TimeUnit.SECONDS);
      service.shutdownNow();
    }
  }

  // ---- our figures

  String newUser() {
    return Interviewee.register(api, "bench");
  }

  /** Drives one job to done over its socket; records first reply, turns and relay latencies. */
  boolean driveJob(String token, Duration timeout) {
    long t0 = System.nanoTime();
    HttpApi.Response created = api.post("/api/jobs/", Map.of("prompt", Interviewee.IDEA), token);
    if (created.status() != 201) {
      return failed("POST /api/jobs/ answered " + created.status());
    }
    String jobId = created.json().path("id").asString();
    jobsOf.computeIfAbsent(load, l -> new ConcurrentLinkedQueue<>()).add(jobId);
    try (SocketClient socket =
        SocketClient.connect(wsBase + "/ws/jobs/" + jobId + "/?after=0", token)) {
      long connectedAt = System.nanoTime();
      long deadline = System.nanoTime() + timeout.toNanos();
      boolean first = true;
      long sentAt = 0;
      Interviewee interviewee = new Interviewee();
      while (System.nanoTime() < deadline) {
        JsonNode e = socket.next(Duration.ofMillis(500));
        if (e == null) {
          continue;
        }
        long now = System.nanoTime();
        String kind = e.path("kind").asString();
        if (kind.equals("error")) {
          return failed("an error event on the socket");
        }
        arrivals.add(new Object[] {jobId + ":" + e.path("seq").asLong(), now, connectedAt, load});
        if (kind.equals("chat") && e.path("role").asString().equals("agent")) {
          if (first) {
            stats("first reply: POST /api/jobs/ → agent chat, " + load).addNanos(now - t0);
            first = false;
          } else if (sentAt > 0) {
            stats("chat turn: chat sent → agent reply, " + load).addNanos(now - sentAt);
          }
          Optional<String> reply = interviewee.replyTo(e);
          if (reply.isPresent()) {
            sentAt = System.nanoTime();
            socket.send(reply.get());
          }
        }
        if (kind.equals("status") && e.path("status").asString().equals("failed")) {
          return failed("the job failed");
        }
        if (kind.equals("status") && e.path("status").asString().equals("done")) {
          stats("lifecycle: POST → done, " + load).addNanos(System.nanoTime() - t0);
          if (doneJobId == null) {
            // The first, unloaded job: later ones may have been restarted by recovery, and a
            // restarted run's history holds only what came after the restart.
            doneJobId = jobId;
          }
          return true;
        }
      }
      return failed("not done within " + timeout.toMinutes() + " min");
    } catch (RuntimeException e) {
      return failed(e.getClass().getSimpleName());
    }
  }

  private boolean failed(String reason) {
    errors.incrementAndGet();
    errorReasons.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
    return false;
  }

  void interviews(int jobs) {
    String token = newUser();
    for (int i = 0; i < jobs; i++) {
      driveJob(token, Duration.ofMinutes(2));
    }
  }

  void lifecycle(int concurrency) throws Exception {
    load = concurrency + " concurrent";
    int before = errors.get();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < Math.max(1, concurrency / 10); i++) {
      tokens.add(newUser());
    }
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    CpuTimes cpuBefore = CpuTimes.now(runDir());
    long t0 = System.nanoTime();
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      String token = tokens.get(i % tokens.size());
      results.add(pool.submit(() -> driveJob(token, Duration.ofMinutes(10))));
    }
    int done = 0;
    for (Future<Boolean> r : results) {
      done += r.get() ? 1 : 0;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    cpu.add(
        CpuTimes.now(runDir())
            .since(cpuBefore)
            .perJob("ours, " + concurrency + " jobs", concurrency));
    lifecycle.add(
        new Result.Lifecycle(
            concurrency, done, seconds, done / seconds * 60, errors.get() - before));
  }

  /**
   * The bench's own subscription to every job's channel: when a wake-up reaches a subscriber of
   * Redis, on the same clock as the socket arrivals.
   */
  StatefulRedisPubSubConnection<String, String> subscribeToWakeUps(RedisClient redis) {
    StatefulRedisPubSubConnection<String, String> sub = redis.connectPubSub();
    sub.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String pattern, String channel, String message) {
            long now = System.nanoTime();
            wakeUps.putIfAbsent(
                channel.substring(channel.lastIndexOf(':') + 1) + ":" + message, now);
          }
        });
    sub.sync().psubscribe("ideaforge:job:*");
    return sub;
  }

  /**
   * Relay latency of live events: from the wake-up reaching a Redis subscriber to the event on the
   * socket, for events whose wake-up came after the socket opened (replays of ?after= excluded).
   */
  void recordRelay() {
    Object[] a;
    while ((a = arrivals.poll()) != null) {
      Long wake = wakeUps.get((String) a[0]);
      if (wake != null && wake >= (long) a[2]) {
        stats("relay: Redis wake-up → on the socket (live events), " + a[3])
            .addNanos(Math.max(0, (long) a[1] - wake));
      }
    }
    wakeUps.clear();
  }

  /**
   * The throughput floor: {@code concurrency} bare workflows with the shape of a real job's history
   * (its signals, activities and timers; activities that do nothing), on the same Temporal service,
   * with the worker settings of ours (50 workflow and activity slots, and the workflow cache our
   * worker sets on this service: 0 on the test server, 600 on a real one; SDK 1.38 takes 0 as its
   * default of 600, so both run with 600).
   */
  void shapeFloor(int concurrency) throws Exception {
    WorkflowServiceStubs service = temporalService();
    WorkflowClient client = WorkflowClient.newInstance(service);
    ShapeWorkflow.Shape shape = shapeOf(client, doneJobId);
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkflowCacheSize(temporalVersion.isBlank() ? 0 : 600)
                .build());
    String queue = "bench-shape-" + UUID.randomUUID();
    Worker worker =
        factory.newWorker(
            queue,
            WorkerOptions.newBuilder()
                .setMaxConcurrentWorkflowTaskExecutionSize(50)
                .setMaxConcurrentActivityExecutionSize(50)
                .build());
    worker.registerWorkflowImplementationTypes(ShapeWorkflow.Impl.class);
    ExecutorService answers = Executors.newFixedThreadPool(8);
    worker.registerActivitiesImplementations(
        (ShapeWorkflow.Steps)
            (id, asks) -> {
              if (asks) {
                answers.execute(() -> client.newWorkflowStub(ShapeWorkflow.class, id).answer());
              }
            });
    factory.start();
    try {
      CpuTimes cpuBefore = CpuTimes.now(runDir());
      long t0 = System.nanoTime();
      List<CompletableFuture<Void>> runs = new ArrayList<>();
      for (int i = 0; i < concurrency; i++) {
        String id = queue + "-" + i;
        ShapeWorkflow wf =
            client.newWorkflowStub(
                ShapeWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(id).build());
        WorkflowClient.start(wf::run, id, shape);
        runs.add(
            client
                .newUntypedWorkflowStub(id, java.util.Optional.empty(), java.util.Optional.empty())
                .getResultAsync(Void.class));
      }
      CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
      double seconds = (System.nanoTime() - t0) / 1e9;
      cpu.add(
          CpuTimes.now(runDir())
              .since(cpuBefore)
              .perJob("floor (bare workflows), " + concurrency + " jobs", concurrency));
      throughput.add(
          new Result.Throughput(
              concurrency,
              shape.signals()
                  + " signals, "
                  + shape.activities()
                  + " activities, "
                  + shape.timers()
                  + " timers",
              concurrency / seconds * 60,
              lifecycle.stream()
                  .filter(l -> l.concurrency() == concurrency)
                  .map(Result.Lifecycle::jobsPerMinute)
                  .findFirst()
                  .orElse(null)));
    } finally {
      answers.shutdownNow();
      factory.shutdownNow();
      service.shutdownNow();
    }
  }

  /** Counts what the workflow history of a finished job holds. */
  void taskWaits(String load) {
    WorkflowServiceStubs service = temporalService();
    try {
      WorkflowClient client = WorkflowClient.newInstance(service);
      int unreadable = 0;
      for (String jobId : jobsOf.getOrDefault(load, new ConcurrentLinkedQueue<>())) {
        try {
          waits.addJob(client, jobId);
        } catch (RuntimeException e) {
          // A history the service no longer has (the test server loses runs) leaves a gap only.
          unreadable++;
        }
      }
      if (unreadable > 0) {
        log(unreadable + " job histories could not be read");
      }
      waitsLoad = load;
    } finally {
      service.shutdownNow();
    }
  }

  static ShapeWorkflow.Shape shapeOf(WorkflowClient client, String jobId) {
    if (jobId == null) {
      throw new IllegalStateException("No job reached done, so there is no shape to copy");
    }
    int signals = 0;
    int activities = 0;
    int timers = 0;
    for (HistoryEvent event : client.fetchHistory("job-" + jobId).getHistory().getEventsList()) {
      switch (event.getEventType()) {
        case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> signals++;
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> activities++;
        case EVENT_TYPE_TIMER_STARTED -> timers++;
        default -> {}
      }
    }
    return new ShapeWorkflow.Shape(signals, activities, timers);
  }

  Path runDir() {
    return Path.of(args.getOrDefault("run-dir", ".run"));
  }

  /** Resident memory of each process scripts/run started (its pid files in --run-dir). */
  void rss(String when) {
    Path dir = runDir();
    for (String process : List.of("api-server", "worker", "temporal")) {
      String value = "?";
      try {
        String pid = Files.readString(dir.resolve(process + ".pid")).strip();
        for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
          if (line.startsWith("VmRSS:")) {
            long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
            value = String.format("%.0f MiB", kib / 1024.0);
          }
        }
      } catch (IOException | RuntimeException e) {
        value = "not readable";
      }
      memory.computeIfAbsent(process, p -> new String[2])[when.equals("idle") ? 0 : 1] = value;
    }
  }

  void sockets(int idle, int fanOut) throws Exception {
    String token = newUser();
    String jobId =
        api.post("/api/jobs/", Map.of("prompt", Interviewee.IDEA), token)
            .json()
            .path("id")
            .asString();
    String url = wsBase + "/ws/jobs/" + jobId + "/";
    long heapBefore = heapOfApiServer();
    List<SocketClient> open = new ArrayList<>();
    long t0 = System.nanoTime();
    try {
      for (int i = 0; i < idle; i++) {
        open.add(SocketClient.connect(url, token));
      }
      double openSeconds = (System.nanoTime() - t0) / 1e9;
      Thread.sleep(2000);
      long heapAfter = heapOfApiServer();
      int alive = (int) open.stream().filter(s -> !s.isClosed()).count();
      sockets.put("idle sockets held by one api-server", alive + " of " + idle);
      sockets.put("time to open them", String.format("%.1f s", openSeconds));
      sockets.put(
          "api-server heap per idle socket (live heap after a full collection, before/after)",
          heapBefore > 0 && heapAfter > heapBefore
              ? String.format("%.1f KiB", (heapAfter - heapBefore) / 1024.0 / Math.max(1, alive))
              : "not measurable in this run");
      // Fan-out: one event to fanOut open sockets of the job (all of them receive it).
      List<SocketClient> live = open.stream().filter(c -> !c.isClosed()).toList();
      if (live.isEmpty()) {
        throw new IllegalStateException(
            "The api-server refused every socket; raise WS_MAX_SOCKETS_PER_USER (scripts/bench does)");
      }
      List<SocketClient> watchers = live.subList(0, Math.min(fanOut, live.size()));
      // Exactly the watchers stay open: the event goes to as many sockets as are measured.
      live.subList(watchers.size(), live.size()).forEach(SocketClient::close);
      for (int i = 0; i < 100 && openSockets() > watchers.size(); i++) {
        Thread.sleep(100);
      }
      Stats s = stats("fan-out: one event → each of " + watchers.size() + " sockets");
      String frame = null;
      // Round 0 warms up (and lets the closes above settle); it is not counted, nor is the floor's.
      for (int round = 0; round <= 5; round++) {
        String content = "ping " + round;
        long sent = System.nanoTime();
        api.post(
            "/api/job-messages/",
            Map.of("job_id", jobId, "role", "system", "sender", "bench", "content", content),
            token);
        for (SocketClient w : watchers) {
          frame = awaitChat(w, content).toString();
          if (round > 0) {
            s.addNanos(System.nanoTime() - sent);
          }
        }
      }
      fanOutFloor(watchers.size(), frame);
    } finally {
      open.forEach(SocketClient::close);
    }
  }

  /**
   * The fan-out floor: the same frame, from a minimal WebSocket server in this process, to as many
   * clients of the same kind as ours had.
   */
  void fanOutFloor(int clients, String frame) throws Exception {
    try (FloorWebSocketServer server = new FloorWebSocketServer()) {
      List<SocketClient> watchers = new ArrayList<>();
      try {
        for (int i = 0; i < clients; i++) {
          watchers.add(SocketClient.connect(server.url(), Map.of()));
        }
        while (server.clients() < clients) {
          Thread.sleep(10);
        }
        Stats s = stats("floor: WebSocket broadcast → each of " + clients + " sockets");
        for (int round = 0; round <= 5; round++) {
          String content = "ping " + round;
          String text =
              frame.replaceAll("\"content\":\"ping \\d+\"", "\"content\":\"" + content + "\"");
          long sent = System.nanoTime();
          server.broadcast(text);
          for (SocketClient w : watchers) {
            awaitChat(w, content);
            if (round > 0) {
              s.addNanos(System.nanoTime() - sent);
            }
          }
        }
      } finally {
        watchers.forEach(SocketClient::close);
      }
    }
  }

  /** Waits for the chat with this content, skipping others (e.g. the interviewer's greeting). */
  static JsonNode awaitChat(SocketClient socket, String content) {
    JsonNode chat;
    do {
      chat = socket.awaitKind("chat", Duration.ofSeconds(30));
    } while (!chat.path("content").asString().equals(content));
    return chat;
  }

  /**
   * A full collection in the api-server first (jcmd, same machine), so that used heap is the live
   * set and the per-socket figure does not depend on when the last collection ran.
   */
  void collectGarbageOfApiServer() {
    try {
      String pid = Files.readString(runDir().resolve("api-server.pid")).strip();
      new ProcessBuilder("jcmd", pid, "GC.run")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(30, TimeUnit.SECONDS);
    } catch (IOException | RuntimeException e) {
      // No pid file or no jcmd: the reading is taken as it is.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Open job sockets on the api-server (its gauge), or 0 when the metrics are unavailable. */
  long openSockets() {
    HttpApi.Response r = api.get("/actuator/prometheus", System.getenv("MANAGEMENT_TOKEN"));
    if (r.status() != 200) {
      return 0;
    }
    for (String line : r.body().split("\n")) {
      if (line.startsWith("ideaforge_websocket_open")) {
        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  /**
   * Used heap of the api-server, from its Prometheus endpoint (0 when unavailable). The endpoint
   * needs the operator token, which scripts/bench exports as MANAGEMENT_TOKEN.
   */
  long heapOfApiServer() {
    collectGarbageOfApiServer();
    HttpApi.Response r = api.get("/actuator/prometheus", System.getenv("MANAGEMENT_TOKEN"));
    if (r.status() != 200) {
      return 0;
    }
    double sum = 0;
    for (String line : r.body().split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes") && line.contains("area=\"heap\"")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return (long) sum;
  }

  static String machine() {
    return Runtime.getRuntime().availableProcessors()
        + " cores, "
        + (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getTotalMemorySize() / (1024 * 1024 * 1024) + " GiB"
            : "?")
        + ", "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch")
        + ", Java "
        + System.getProperty("java.version");
  }
}
