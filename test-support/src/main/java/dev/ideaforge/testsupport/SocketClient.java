package dev.ideaforge.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client (the JDK's) that records what a job socket sends and how it closes. */
public final class SocketClient implements AutoCloseable {

  /** How the server closed the socket. */
  public record Close(int code, String reason) {}

  /** The handshake was refused with an HTTP status. */
  public static final class Refused extends RuntimeException {
    public final int status;

    Refused(int status) {
      super("Handshake refused with HTTP " + status);
      this.status = status;
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Close> closed = new CompletableFuture<>();
  private WebSocket socket;

  private SocketClient() {}

  /** Opens a socket; headers may include Authorization and Origin. */
  public static SocketClient connect(String url, Map<String, String> headers) {
    return connect(url, headers, List.of());
  }

  /** Opens a socket offering these subprotocols, most preferred first, as a browser can. */
  public static SocketClient connectOffering(String url, List<String> subprotocols) {
    return connect(url, Map.of(), subprotocols);
  }

  private static SocketClient connect(
      String url, Map<String, String> headers, List<String> subprotocols) {
    SocketClient client = new SocketClient();
    WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    headers.forEach(builder::header);
    if (!subprotocols.isEmpty()) {
      builder.subprotocols(
          subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
    }
    try {
      client.socket =
          builder.buildAsync(URI.create(url), client.new Listener()).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        throw new Refused(h.getResponse().statusCode());
      }
      throw new IllegalStateException("Could not connect to " + url, e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("Could not connect to " + url, e);
    }
    return client;
  }

  public static SocketClient connect(String url, String token) {
    return connect(url, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
  }

  /** The subprotocol the server chose; empty when it chose none. */
  public String subprotocol() {
    return socket.getSubprotocol();
  }

  public void sendBinary(byte[] data) {
    socket.sendBinary(java.nio.ByteBuffer.wrap(data), true).join();
  }

  public void send(String text) {
    socket.sendText(text, true).join();
  }

  /** The next message, or null when none came within the timeout. */
  public JsonNode next(Duration timeout) {
    try {
      return inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The next message of this kind, skipping others; fails after the timeout. */
  public JsonNode awaitKind(String kind, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode m = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (m != null && kind.equals(m.path("kind").asString())) {
        return m;
      }
    }
    throw new AssertionError("No " + kind + " message within " + timeout + "; got " + received);
  }

  /** Waits until at least {@code count} messages have arrived in all. */
  public List<JsonNode> awaitCount(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (received.size() < count && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (received.size() < count) {
      throw new AssertionError(
          "Got " + received.size() + " of " + count + " messages: " + received);
    }
    return received();
  }

  public List<JsonNode> received() {
    return new ArrayList<>(received);
  }

  /** Waits for the server to close the socket. */
  public Close awaitClose(Duration timeout) {
    try {
      return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("The socket was not closed within " + timeout, e);
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (socket != null && !socket.isOutputClosed()) {
      try {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
      } catch (InterruptedException | ExecutionException | TimeoutException e) {
        socket.abort();
      }
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletableFuture<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonNode node = JSON.readTree(partial.toString());
        partial.setLength(0);
        received.add(node);
        inbox.add(node);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletableFuture<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      ws.request(1);
      return null;
    }

    @Override
    public CompletableFuture<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(new Close(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.complete(new Close(-1, String.valueOf(error.getMessage())));
    }
  }
}
