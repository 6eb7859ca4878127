package dev.ideaforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads the test database directly, to check what the processes stored. */
final class Database {

  /** The database read: this test run's, unless a drill's system runs on another. */
  private static volatile String url;

  private Database() {}

  /**
   * Reads {@code databaseUrl} (same server and user) until the returned handle is closed: for a
   * system started with a database of its own.
   */
  static AutoCloseable use(String databaseUrl) {
    url = databaseUrl;
    return () -> url = null;
  }

  static List<List<Object>> query(String sql, Object... args) {
    try (Connection c =
            DriverManager.getConnection(
                url != null ? url : System.getProperty("spring.datasource.url"),
                System.getProperty("spring.datasource.username"),
                System.getProperty("spring.datasource.password", ""));
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<List<Object>> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            row.add(rs.getObject(i));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Asserts the job's facts hold exactly once: steps 1..n, one reply per turn, gapless events. */
  static void assertNoDuplicates(String jobId, int expectedSteps) {
    UUID id = UUID.fromString(jobId);
    List<Object> orders =
        query("select \"order\" from job_steps where job_id = ? order by \"order\"", id).stream()
            .map(r -> r.get(0))
            .toList();
    List<Object> expected = new ArrayList<>();
    for (int i = 1; i <= expectedSteps; i++) {
      expected.add(i);
    }
    assertThat(orders).isEqualTo(expected);
    List<List<Object>> duplicateReplies =
        query(
            "select content, count(*) from job_messages where job_id = ? and role = 'agent'"
                + " group by content having count(*) > 1",
            id);
    assertThat(duplicateReplies).isEmpty();
    List<Object> seqs =
        query("select seq from job_events where job_id = ? order by seq", id).stream()
            .map(r -> ((Number) r.get(0)).longValue())
            .map(Object.class::cast)
            .toList();
    for (int i = 0; i < seqs.size(); i++) {
      assertThat(seqs.get(i)).isEqualTo((long) i + 1);
    }
    List<List<Object>> stepEvents =
        query(
            "select payload->>'order', count(*) from job_events where job_id = ? and kind = 'step'"
                + " group by 1 having count(*) > 1",
            id);
    assertThat(stepEvents).isEmpty();
    assertThat(
            query("select count(*) from job_events where job_id = ? and kind = 'step'", id)
                .get(0)
                .get(0))
        .isEqualTo((long) expectedSteps);
  }
}
