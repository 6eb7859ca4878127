package dev.ideaforge.api.realtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forwards a local port to a TCP service until it is cut: then it refuses connections and drops the
 * open ones. Lets a test take a service away from one api-server without stopping the shared
 * service others use.
 */
final class TcpProxy implements AutoCloseable {

  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  TcpProxy(int targetPort) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket client = server.accept();
                  Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                  open.add(client);
                  open.add(target);
                  pump(client, target);
                  pump(target, client);
                } catch (IOException e) {
                  // closed: cut
                }
              }
            },
            "tcp-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** From now on the service is unreachable through this proxy. */
  void cut() {
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    open.forEach(TcpProxy::closeQuietly);
  }

  @Override
  public void close() {
    cut();
  }

  private void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // either side closed
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
