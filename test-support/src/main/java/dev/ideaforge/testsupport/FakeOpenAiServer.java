package dev.ideaforge.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local OpenAI-compatible chat-completions endpoint (the one fake the test suites allow: there is
 * no real model here). A responder function writes each answer; faults (an HTTP status, a delay)
 * can be queued for the next calls, and every request is kept for assertions.
 */
public final class FakeOpenAiServer implements AutoCloseable {

  /** One request as received. */
  public record Request(String authorization, JsonNode body) {

    public String model() {
      return body.path("model").asString();
    }

    /** The content of the first message with this role, or "" when there is none. */
    public String first(String role) {
      for (JsonNode m : body.path("messages")) {
        if (role.equals(m.path("role").asString())) {
          return m.path("content").asString();
        }
      }
      return "";
    }

    /** The content of the last message. */
    public String last() {
      JsonNode messages = body.path("messages");
      return messages.isEmpty() ? "" : messages.get(messages.size() - 1).path("content").asString();
    }

    public long count(String role) {
      long n = 0;
      for (JsonNode m : body.path("messages")) {
        if (role.equals(m.path("role").asString())) {
          n++;
        }
      }
      return n;
    }
  }

  private record Fault(int status, Duration delay) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final Function<Request, String> responder;
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Fault always;

  public FakeOpenAiServer(Function<Request, String> responder) {
    this.responder = responder;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
  }

  /** The base URL to configure as {@code LLM_BASE_URL}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** The next call answers with this HTTP status and an OpenAI-style error body. */
  public synchronized FakeOpenAiServer failNext(int status) {
    faults.add(new Fault(status, Duration.ZERO));
    return this;
  }

  /** The next call answers normally, after a delay. */
  public synchronized FakeOpenAiServer delayNext(Duration delay) {
    faults.add(new Fault(200, delay));
    return this;
  }

  /** Every call from now on answers with this status (0 to go back to normal). */
  public void failAlways(int status) {
    always = status == 0 ? null : new Fault(status, Duration.ZERO);
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")
          || !exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
        send(exchange, 404, error("Unknown path " + exchange.getRequestURI().getPath()));
        return;
      }
      JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      Request request = new Request(exchange.getRequestHeaders().getFirst("Authorization"), body);
      requests.add(request);
      Fault fault = always;
      if (fault == null) {
        synchronized (this) {
          fault = faults.poll();
        }
      }
      if (fault != null && !fault.delay().isZero()) {
        Thread.sleep(fault.delay().toMillis());
      }
      if (fault != null && fault.status() != 200) {
        send(exchange, fault.status(), error("Injected failure " + fault.status()));
        return;
      }
      String content = responder.apply(request);
      ObjectNode response = JSON.createObjectNode();
      response.put("id", "chatcmpl-fake-" + requests.size());
      response.put("object", "chat.completion");
      response.put("created", System.currentTimeMillis() / 1000);
      response.put("model", request.model());
      ArrayNode choices = response.putArray("choices");
      ObjectNode choice = choices.addObject();
      choice.put("index", 0);
      choice.putNull("logprobs");
      choice.put("finish_reason", "stop");
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant");
      message.put("content", content);
      message.putNull("refusal");
      ObjectNode usage = response.putObject("usage");
      int prompt = body.toString().length() / 4;
      int completion = content.length() / 4;
      usage.put("prompt_tokens", prompt);
      usage.put("completion_tokens", completion);
      usage.put("total_tokens", prompt + completion);
      send(exchange, 200, JSON.writeValueAsString(response));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String error(String message) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", "fake_error");
    return JSON.writeValueAsString(root);
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
