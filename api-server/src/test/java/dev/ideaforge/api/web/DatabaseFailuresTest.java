package dev.ideaforge.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ideaforge.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.TransactionException;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;

/**
 * The API answers 503 (retry), not 500, when PostgreSQL goes away under it. The failures here are
 * real PostgreSQL errors, translated the way Hibernate and Spring translate them for a repository.
 */
class DatabaseFailuresTest {

  private final ApiExceptionHandler handler = new ApiExceptionHandler();

  @Test
  void aConnectionTerminatedByTheServerMeans503() throws Exception {
    // What a pooled connection sees when PostgreSQL shuts down (pg_ctl stop -m fast): 57P01.
    SQLException error;
    try (Connection victim = connect();
        Connection admin = connect()) {
      int pid = scalar(victim, "select pg_backend_pid()");
      scalar(admin, "select pg_terminate_backend(" + pid + ")::int");
      awaitGone(admin, pid);
      error = catchThrowableOfType(SQLException.class, () -> scalar(victim, "select 1"));
    }
    DataAccessException translated = translate(error);

    assertThat(DatabaseFailures.isUnavailable(translated)).as("%s", translated).isTrue();
    assertThat(handler.unexpected(translated).getStatusCode())
        .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
  }

  @Test
  void aRollbackOnAConnectionThePoolClosedMeans503() throws Exception {
    // A query fails on a connection PostgreSQL dropped; Hikari closes it, so the rollback that
    // follows fails with a bare "Connection is closed", and Spring throws that one instead.
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(TestDatabase.url());
    config.setUsername(TestDatabase.user());
    config.setPassword(TestDatabase.password());
    config.setMaximumPoolSize(1);
    SQLException rollbackError;
    try (HikariDataSource pool = new HikariDataSource(config);
        Connection admin = connect()) {
      Connection c = pool.getConnection();
      c.setAutoCommit(false);
      int pid = scalar(c, "select pg_backend_pid()");
      scalar(admin, "select pg_terminate_backend(" + pid + ")::int");
      awaitGone(admin, pid);
      assertThatExceptionOfType(SQLException.class)
          .as("a query on the killed connection fails")
          .isThrownBy(() -> scalar(c, "select 1"));
      rollbackError = catchThrowableOfType(SQLException.class, c::rollback);
    }
    Objects.requireNonNull(rollbackError, "expected the rollback to fail");
    DataAccessException translated =
        new HibernateJpaDialect()
            .translateExceptionIfPossible(
                new TransactionException(
                    "Unable to rollback against JDBC Connection", rollbackError));

    assertThat(handler.unexpected(translated).getStatusCode())
        .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
  }

  @Test
  void anUnreachableServerMeans503() {
    SQLException error =
        catchThrowableOfType(
            SQLException.class,
            () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:1/none", "x", "x"));

    assertThat(DatabaseFailures.isUnavailable(translate(error))).isTrue();
  }

  @Test
  void aConstraintViolationIsABugNotAnOutage() throws Exception {
    SQLException error;
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("create temporary table t (id int primary key)");
      s.execute("insert into t values (1)");
      error = catchThrowableOfType(SQLException.class, () -> s.execute("insert into t values (1)"));
    }

    assertThat(DatabaseFailures.isUnavailable(translate(error))).isFalse();
    assertThat(handler.unexpected(translate(error)).getStatusCode())
        .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
  }

  private static DataAccessException translate(SQLException error) {
    Objects.requireNonNull(error, "expected a SQL error");
    return new HibernateJpaDialect()
        .translateExceptionIfPossible(new GenericJDBCException("query", error));
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        TestDatabase.url(), TestDatabase.user(), TestDatabase.password());
  }

  private static int scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void awaitGone(Connection admin, int pid) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (scalar(admin, "select count(*)::int from pg_stat_activity where pid = " + pid) > 0) {
      assertThat(Instant.now()).as("backend %d still alive", pid).isBefore(deadline);
      Thread.sleep(20);
    }
  }
}
