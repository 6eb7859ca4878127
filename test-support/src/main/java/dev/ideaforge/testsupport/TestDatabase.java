package dev.ideaforge.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives every test run a PostgreSQL database of its own: created when the JUnit session opens,
 * dropped when it closes. Tests never see the developer's data, and runs never see each other's.
 *
 * <p>It publishes the database through the {@code spring.datasource.*} system properties, which
 * every Spring Boot test context reads. The server is the one at {@code TEST_DATABASE_ADMIN_URL}
 * (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user {@code TEST_DATABASE_USER} or
 * {@code postgres}). Databases left behind by a killed run are dropped by the next one.
 */
public final class TestDatabase implements LauncherSessionListener {

  private static final String PREFIX = "ideaforge_test_";
  private static volatile String name;

  public static String adminUrl() {
    return env("TEST_DATABASE_ADMIN_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
  }

  public static String user() {
    return env("TEST_DATABASE_USER", "postgres");
  }

  public static String password() {
    return env("TEST_DATABASE_PASSWORD", "");
  }

  /** The JDBC URL of this run's database; creates it on first use. */
  public static synchronized String url() {
    if (name == null) {
      create();
    }
    return adminUrl().replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1");
  }

  public static synchronized String name() {
    url();
    return name;
  }

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String url = url();
    System.setProperty("spring.datasource.url", url);
    System.setProperty("spring.datasource.username", user());
    System.setProperty("spring.datasource.password", password());
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    drop();
  }

  private static void create() {
    long pid = ProcessHandle.current().pid();
    String candidate =
        PREFIX + pid + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      dropOrphans(c);
      st.execute("create database " + candidate);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot create the test database on "
              + adminUrl()
              + " as "
              + user()
              + ": "
              + e.getMessage()
              + " (is PostgreSQL running? scripts/ensure-services starts it)",
          e);
    }
    name = candidate;
    Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::drop, "drop-test-database"));
  }

  private static synchronized void drop() {
    if (name == null) {
      return;
    }
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      st.execute("drop database if exists " + name + " with (force)");
      name = null;
    } catch (SQLException e) {
      System.err.println("Could not drop test database " + name + ": " + e.getMessage());
    }
  }

  /** Drops databases of earlier runs whose JVM is gone (killed before it could clean up). */
  private static void dropOrphans(Connection c) throws SQLException {
    List<String> orphans = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select datname from pg_database where datname like '" + PREFIX + "%'")) {
      while (rs.next()) {
        String db = rs.getString(1);
        String[] parts = db.substring(PREFIX.length()).split("_");
        boolean alive;
        try {
          alive =
              Files.exists(Path.of("/proc", parts[0]))
                  || ProcessHandle.of(Long.parseLong(parts[0])).isPresent();
        } catch (NumberFormatException e) {
          alive = false;
        }
        if (!alive) {
          orphans.add(db);
        }
      }
    }
    for (String db : orphans) {
      try (Statement st = c.createStatement()) {
        st.execute("drop database if exists " + db + " with (force)");
      }
    }
  }

  private static Connection admin() throws SQLException {
    return DriverManager.getConnection(adminUrl(), user(), password());
  }

  private static String env(String key, String fallback) {
    String v = System.getenv(key);
    return v == null || v.isBlank() ? fallback : v;
  }
}
