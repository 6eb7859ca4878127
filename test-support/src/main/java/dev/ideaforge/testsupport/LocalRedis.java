package dev.ideaforge.testsupport;

import java.io.IOException;
import java.net.Socket;

/**
 * The local Redis on 6379, stopped and started again the way scripts/ensure-services starts it: for
 * drills of a Redis outage. It keeps nothing on disk, so a restart empties it.
 */
public final class LocalRedis {

  private LocalRedis() {}

  public static void stop() {
    run("redis-cli", "-p", "6379", "shutdown", "nosave");
    await(false);
  }

  public static void start() {
    run(
        "redis-server",
        "--daemonize",
        "yes",
        "--bind",
        "127.0.0.1",
        "-::1",
        "--port",
        "6379",
        "--save",
        "",
        "--appendonly",
        "no");
    await(true);
  }

  private static void run(String... command) {
    try {
      new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
    } catch (IOException e) {
      throw new IllegalStateException("Could not run " + command[0], e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void await(boolean up) {
    for (int i = 0; i < 100; i++) {
      boolean listening;
      try (Socket s = new Socket("127.0.0.1", 6379)) {
        listening = true;
      } catch (IOException e) {
        listening = false;
      }
      if (listening == up) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("Redis did not " + (up ? "start" : "stop"));
  }
}
