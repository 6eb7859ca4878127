package dev.ideaforge.api.web;

import java.io.IOException;

/**
 * A request body grew past the limit while it was read. An {@link IOException}, so that whatever
 * reads the body (Jackson, a servlet) fails as it would on a broken stream and stops reading.
 */
final class BodyTooLargeException extends IOException {

  BodyTooLargeException(long limit) {
    super(RequestBodyLimitFilter.detail(limit));
  }

  /** The limit error somewhere in {@code error}'s cause chain, or {@code null}. */
  static BodyTooLargeException in(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException e) {
        return e;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
