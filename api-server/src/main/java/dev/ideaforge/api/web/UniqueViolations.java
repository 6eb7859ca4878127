package dev.ideaforge.api.web;

import java.sql.SQLException;
import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Tells a unique violation (SQLState 23505) from any other database error, and which constraint or
 * unique index it hit, so it can be answered as an error on the field that index guards.
 */
public final class UniqueViolations {

  private static final String UNIQUE_VIOLATION = "23505";

  private UniqueViolations() {}

  /** The name of the unique constraint {@code error} violated, if it is a unique violation. */
  public static Optional<String> constraintOf(Throwable error) {
    boolean unique = false;
    String constraint = null;
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        unique = true;
      }
      if (t instanceof ConstraintViolationException c && c.getConstraintName() != null) {
        constraint = c.getConstraintName();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return unique ? Optional.ofNullable(constraint) : Optional.empty();
  }
}
