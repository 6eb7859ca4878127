package dev.ideaforge.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fan-out floor: the least a WebSocket server can do, in the bench process. It accepts clients
 * (RFC 6455 handshake only, nothing checked) and writes one text frame to each in turn. It never
 * reads frames after the handshake.
 */
final class FloorWebSocketServer implements AutoCloseable {

  private static final Pattern KEY = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)\\s*$");
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final ServerSocket server;
  private final List<OutputStream> clients = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  FloorWebSocketServer() throws IOException {
    server = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::accept, "floor-ws-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "ws://127.0.0.1:" + server.getLocalPort() + "/floor";
  }

  int clients() {
    return clients.size();
  }

  /** Writes the same text frame to every client, one after the other. */
  void broadcast(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] frame = frame(payload);
    for (OutputStream out : clients) {
      out.write(frame);
      out.flush();
    }
  }

  private static byte[] frame(byte[] payload) {
    int header = payload.length < 126 ? 2 : payload.length < 65536 ? 4 : 10;
    byte[] frame = new byte[header + payload.length];
    frame[0] = (byte) 0x81; // FIN + text
    if (header == 2) {
      frame[1] = (byte) payload.length;
    } else if (header == 4) {
      frame[1] = 126;
      frame[2] = (byte) (payload.length >>> 8);
      frame[3] = (byte) payload.length;
    } else {
      frame[1] = 127;
      for (int i = 0; i < 8; i++) {
        frame[2 + i] = (byte) ((long) payload.length >>> (56 - 8 * i));
      }
    }
    System.arraycopy(payload, 0, frame, header, payload.length);
    return frame;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        InputStream in = new BufferedInputStream(socket.getInputStream());
        String request = readHead(in);
        Matcher key = KEY.matcher(request);
        if (!key.find()) {
          socket.close();
          continue;
        }
        String accept =
            Base64.getEncoder()
                .encodeToString(
                    MessageDigest.getInstance("SHA-1")
                        .digest((key.group(1) + GUID).getBytes(StandardCharsets.US_ASCII)));
        OutputStream out = socket.getOutputStream();
        out.write(
            ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: "
                    + accept
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        clients.add(out);
      } catch (IOException | java.security.NoSuchAlgorithmException e) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      head.append((char) c);
      if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    return head.toString();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
