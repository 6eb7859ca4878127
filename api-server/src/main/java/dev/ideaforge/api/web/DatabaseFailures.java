package dev.ideaforge.api.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.hibernate.TransactionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells "the database is down or went away" from a bug. Spring translates only some of those
 * failures into its resource-failure types: a pooled connection that PostgreSQL terminated on
 * shutdown fails with SQLState 57P01, which Hibernate and Spring leave as a generic JPA error; and
 * when a query fails on a broken connection, the pool closes it, so the transaction's rollback then
 * fails too and that failure (without any SQLState) replaces the original one. So the whole cause
 * chain, suppressed exceptions included, is inspected.
 */
final class DatabaseFailures {

  /** Connection exceptions (class 08), shutdown/crash (57P0x), too many connections (53300). */
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

  private DatabaseFailures() {}

  static boolean isUnavailable(Throwable error) {
    return isUnavailable(error, 0);
  }

  private static boolean isUnavailable(Throwable error, int depth) {
    for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
      if (t instanceof CannotCreateTransactionException
          || t instanceof DataAccessResourceFailureException
          || t instanceof QueryTimeoutException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof ConnectException) {
        return true;
      }
      if (t instanceof SQLException sql && isUnavailableState(sql.getSQLState())) {
        return true;
      }
      if (t instanceof TransactionException && isConnectionGone(t.getCause())) {
        return true;
      }
      for (Throwable suppressed : t.getSuppressed()) {
        if (isUnavailable(suppressed, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Ending a transaction (rollback, commit) failed in the driver or pool itself, with no SQL error
   * from the server: the connection is closed. (A commit the server refuses, e.g. a deferred
   * constraint or a serialization failure, carries its SQLState and is not this; a connection
   * SQLState is caught when the loop reaches the cause.)
   */
  private static boolean isConnectionGone(Throwable cause) {
    return cause instanceof SQLException sql && sql.getSQLState() == null;
  }

  private static boolean isUnavailableState(String state) {
    return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state));
  }
}
