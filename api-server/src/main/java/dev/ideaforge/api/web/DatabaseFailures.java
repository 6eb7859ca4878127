package dev.ideaforge.api.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells "the database is down or went away" from a bug. Spring translates only some of those
 * failures into its resource-failure types: a pooled connection that PostgreSQL terminated on
 * shutdown fails with SQLState 57P01, which Hibernate and Spring leave as a generic JPA error. So
 * the whole cause chain is inspected.
 */
final class DatabaseFailures {

  /** Connection exceptions (class 08), shutdown/crash (57P0x), too many connections (53300). */
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

  private DatabaseFailures() {}

  static boolean isUnavailable(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
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
    }
    return false;
  }

  private static boolean isUnavailableState(String state) {
    return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state));
  }
}
