import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The smoke check (run by scripts/smoke): one job through its whole lifecycle against a running
 * system, with real HTTP and WebSocket clients (the JDK's, so it needs nothing but Java). It
 * prints what it saw and exits non-zero, with the reason, when anything is off.
 *
 * <p>Usage: java scripts/Smoke.java [base-url] (default http://127.0.0.1:8000)
 */
public class Smoke {

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final Duration DEADLINE = Duration.ofSeconds(Long.getLong("smoke.timeoutSeconds", 180));
  static final List<String> ANSWERS =
      List.of(
          "Remote teams forget their daily check-ins and lose momentum",
          "Daily check-ins, streaks, a team dashboard and reminders",
          "Web and iOS",
          "A small budget and a launch within three months");

  static String base;

  public static void main(String[] args) throws Exception {
    base = args.length > 0 ? args[0].replaceAll("/$", "") : "http://127.0.0.1:8000";
    long started = System.nanoTime();
    try {
      run();
      System.out.printf("smoke: OK in %.1f s%n", (System.nanoTime() - started) / 1e9);
      System.exit(0);
    } catch (Exception | AssertionError e) {
      System.out.println("smoke: FAILED: " + e.getMessage());
      System.exit(1);
    }
  }

  static void run() throws Exception {
    String name = "smoke" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> account =
        obj(call("POST", "/api/auth/register/", Map.of("email", name + "@example.com", "password", "smoke-pass-123"), null, 201));
    String token = (String) account.get("access");
    System.out.println("smoke: registered " + name);

    Map<String, Object> job =
        obj(call("POST", "/api/jobs/", Map.of("prompt", "A habit tracker for remote teams"), token, 201));
    String jobId = (String) job.get("id");
    System.out.println("smoke: created job " + jobId + " (" + job.get("status") + ")");

    BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();
    List<Map<String, Object>> seen = new ArrayList<>();
    WebSocket ws =
        HTTP.newWebSocketBuilder()
            .header("Authorization", "Bearer " + token)
            .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/ws/jobs/" + jobId + "/?after=0"), new Collector(events))
            .get(10, TimeUnit.SECONDS);
    System.out.println("smoke: socket open (resuming after seq 0)");

    long deadline = System.nanoTime() + DEADLINE.toNanos();
    int answered = 0;
    long lastSeq = 0;
    boolean done = false;
    while (!done) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("the job did not finish within " + DEADLINE.toSeconds() + " s; last events: " + tail(seen));
      }
      Map<String, Object> e = events.poll(left, TimeUnit.NANOSECONDS);
      if (e == null) {
        continue;
      }
      seen.add(e);
      String kind = (String) e.get("kind");
      if ("error".equals(kind)) {
        throw new AssertionError("the server sent an error event: " + e.get("message"));
      }
      long seq = ((Number) e.get("seq")).longValue();
      if (seq != lastSeq + 1) {
        throw new AssertionError("seq jumped from " + lastSeq + " to " + seq);
      }
      lastSeq = seq;
      System.out.println("smoke: #" + seq + " " + describe(e));
      if ("chat".equals(kind) && "agent".equals(e.get("role"))) {
        String content = (String) e.get("content");
        if (!content.contains("REQUIREMENTS_SUMMARY") && answered < ANSWERS.size()) {
          ws.sendText("{\"kind\":\"chat\",\"content\":\"" + ANSWERS.get(answered++) + "\"}", true).join();
        }
      }
      if ("status".equals(kind) && "failed".equals(e.get("status"))) {
        throw new AssertionError("the job failed: " + e.get("message"));
      }
      done = "status".equals(kind) && "done".equals(e.get("status"));
    }
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();

    // Reconcile the socket transcript with REST.
    Map<String, Object> detail = obj(call("GET", "/api/jobs/" + jobId + "/", null, token, 200));
    List<?> messages = (List<?>) detail.get("messages");
    List<?> steps = (List<?>) detail.get("steps");
    long chats = seen.stream().filter(e -> "chat".equals(e.get("kind"))).count();
    long stepEvents = seen.stream().filter(e -> "step".equals(e.get("kind"))).count();
    check(messages.size() == chats, "REST has " + messages.size() + " messages, the socket saw " + chats);
    check(steps.size() == stepEvents, "REST has " + steps.size() + " steps, the socket saw " + stepEvents);
    check("done".equals(detail.get("status")), "REST says the job is " + detail.get("status"));
    Map<String, Object> app = obj(call("GET", "/api/apps/by-job/" + jobId + "/", null, token, 200));
    Map<?, ?> spec = (Map<?, ?>) app.get("spec");
    for (String field : List.of("requirements", "discussion", "summary", "prd")) {
      check(spec.containsKey(field), "the app spec has no " + field);
    }
    List<?> rest = (List<?>) parse(call("GET", "/api/jobs/" + jobId + "/events/?after=0", null, token, 200));
    check(rest.size() == seen.size(), "the event log has " + rest.size() + " events, the socket saw " + seen.size());
    System.out.println(
        "smoke: reconciled " + messages.size() + " messages, " + steps.size() + " steps, " + seen.size()
            + " events and the app (" + ((Map<?, ?>) spec.get("prd")).get("name") + ")");
  }

  static String describe(Map<String, Object> e) {
    String kind = (String) e.get("kind");
    return switch (kind) {
      case "chat" -> "chat " + e.get("sender") + ": " + abbreviate((String) e.get("content"));
      case "status" -> "status " + e.get("status") + ": " + e.get("message");
      case "step" -> "step " + ((Number) e.get("order")).intValue() + " " + e.get("agent") + ": " + abbreviate((String) e.get("message"));
      case "app" -> "app stored";
      default -> kind;
    };
  }

  static String abbreviate(String s) {
    String one = s.replace('\n', ' ');
    return one.length() > 90 ? one.substring(0, 90) + "…" : one;
  }

  static List<Map<String, Object>> tail(List<Map<String, Object>> seen) {
    return seen.subList(Math.max(0, seen.size() - 3), seen.size());
  }

  static void check(boolean ok, String problem) {
    if (!ok) {
      throw new AssertionError(problem);
    }
  }

  static String call(String method, String path, Map<String, String> body, String token, int expected) throws Exception {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15));
    if (token != null) {
      req.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      StringBuilder json = new StringBuilder("{");
      body.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":\"").append(v).append('"'));
      req.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json + "}"));
    } else {
      req.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(String json) {
    return (Map<String, Object>) parse(json);
  }

  /** Collects whole text frames as parsed JSON objects. */
  record Collector(BlockingQueue<Map<String, Object>> events, StringBuilder partial) implements WebSocket.Listener {
    Collector(BlockingQueue<Map<String, Object>> events) {
      this(events, new StringBuilder());
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        events.add(obj(partial.toString()));
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
      if (code != WebSocket.NORMAL_CLOSURE) {
        events.add(Map.of("kind", "error", "message", "socket closed with " + code + " " + reason));
      }
      return CompletableFuture.completedFuture(null);
    }
  }

  // A small JSON reader, so the smoke check runs with the JDK alone.
  static Object parse(String json) {
    int[] pos = {0};
    Object value = value(json, pos);
    return value;
  }

  static Object value(String s, int[] p) {
    ws(s, p);
    char c = s.charAt(p[0]);
    if (c == '{') {
      Map<String, Object> map = new LinkedHashMap<>();
      p[0]++;
      ws(s, p);
      if (s.charAt(p[0]) == '}') {
        p[0]++;
        return map;
      }
      while (true) {
        ws(s, p);
        String key = string(s, p);
        ws(s, p);
        p[0]++; // :
        map.put(key, value(s, p));
        ws(s, p);
        if (s.charAt(p[0]++) == '}') {
          return map;
        }
      }
    }
    if (c == '[') {
      List<Object> list = new ArrayList<>();
      p[0]++;
      ws(s, p);
      if (s.charAt(p[0]) == ']') {
        p[0]++;
        return list;
      }
      while (true) {
        list.add(value(s, p));
        ws(s, p);
        if (s.charAt(p[0]++) == ']') {
          return list;
        }
      }
    }
    if (c == '"') {
      return string(s, p);
    }
    int start = p[0];
    while (p[0] < s.length() && ",}] \n\r\t".indexOf(s.charAt(p[0])) < 0) {
      p[0]++;
    }
    String token = s.substring(start, p[0]);
    return switch (token) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      case "null" -> null;
      default -> Double.parseDouble(token);
    };
  }

  static String string(String s, int[] p) {
    StringBuilder out = new StringBuilder();
    p[0]++; // opening quote
    while (true) {
      char c = s.charAt(p[0]++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\') {
        char e = s.charAt(p[0]++);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            out.append((char) Integer.parseInt(s.substring(p[0], p[0] + 4), 16));
            p[0] += 4;
          }
          default -> out.append(e);
        }
      } else {
        out.append(c);
      }
    }
  }

  static void ws(String s, int[] p) {
    while (p[0] < s.length() && Character.isWhitespace(s.charAt(p[0]))) {
      p[0]++;
    }
  }
}
