package dev.ideaforge.e2e;

import dev.ideaforge.testsupport.TemporalTestService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole system as separate processes: the embedded Temporal service on a port (in this JVM, so
 * a test can stop it and lose its state), a workflow-worker JVM and api-server JVMs, on this test
 * run's own PostgreSQL database and the local Redis.
 */
final class IdeaforgeSystem implements AutoCloseable {

  static final String JWT_SECRET = "e2e-only-signing-secret-0123456789-abcdefghijklmnop";
  static final Duration STARTUP = Duration.ofSeconds(180);

  private final Path root = Path.of(System.getProperty("ideaforge.root", ".."));
  private final TemporalTestService temporal =
      new TemporalTestService(TemporalTestService.freePort());
  private final Map<String, String> common = new HashMap<>();
  private final int apiPort = TemporalTestService.freePort();
  private final ServiceProcess worker;
  private final ServiceProcess api;

  IdeaforgeSystem(Map<String, String> overrides) {
    common.put("DATABASE_URL", System.getProperty("spring.datasource.url"));
    common.put("DATABASE_USER", System.getProperty("spring.datasource.username"));
    common.put("DATABASE_PASSWORD", System.getProperty("spring.datasource.password", ""));
    common.put("DATABASE_POOL_SIZE", "5");
    common.put("WORKER_DATABASE_POOL_SIZE", "5");
    common.put("TEMPORAL_ADDRESS", temporal.target());
    common.put("JWT_SECRET", JWT_SECRET);
    // Recovery runs on the documented defaults (the mode is detected: the Java test server).
    // Only model-call retries are quicker, so failure drills do not wait minutes.
    common.put("AGENT_RETRY_INITIAL_INTERVAL", "200ms");
    common.put("AGENT_RETRY_MAXIMUM_INTERVAL", "1s");
    common.put("SPRING_MAIN_BANNER_MODE", "off");
    // The drills are load from one address, not people: limits off unless a drill sets them,
    // and buckets of this system kept apart from any other on the same Redis.
    common.put("RATE_LIMIT_KEY_PREFIX", "e2e-" + UUID.randomUUID() + ":limit:");
    for (String limit :
        List.of(
            "RATE_LIMIT_LOGIN_PER_IP",
            "RATE_LIMIT_REGISTER_PER_IP",
            "RATE_LIMIT_CHAT_PER_USER",
            "RATE_LIMIT_JOBS_PER_USER")) {
      common.put(limit, "off");
    }
    common.put("MAX_UNFINISHED_JOBS_PER_USER", "0");
    common.putAll(overrides);
    int workerPort = TemporalTestService.freePort();
    Map<String, String> workerEnv = new HashMap<>(common);
    workerEnv.put("WORKER_PORT", String.valueOf(workerPort));
    worker =
        new ServiceProcess(
            "worker",
            root.resolve("workflow-worker/target/workflow-worker.jar"),
            workerEnv,
            workerPort);
    api = newApiServer("api-server", apiPort);
  }

  /** Another api-server on its own port, sharing everything else. */
  ServiceProcess newApiServer(String name, int port) {
    Map<String, String> env = new HashMap<>(common);
    env.put("PORT", String.valueOf(port));
    return new ServiceProcess(name, root.resolve("api-server/target/api-server.jar"), env, port);
  }

  IdeaforgeSystem start() {
    temporal.start();
    worker.start();
    api.start();
    worker.awaitReady(STARTUP);
    api.awaitReady(STARTUP);
    return this;
  }

  ServiceProcess worker() {
    return worker;
  }

  ServiceProcess api() {
    return api;
  }

  TemporalTestService temporal() {
    return temporal;
  }

  String apiBaseUrl() {
    return "http://127.0.0.1:" + apiPort;
  }

  @Override
  public void close() {
    api.stop();
    worker.stop();
    temporal.stop();
  }
}
