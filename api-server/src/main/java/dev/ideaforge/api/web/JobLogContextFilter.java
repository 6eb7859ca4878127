package dev.ideaforge.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the job id of a request (from {@code /api/jobs/<id>/...}, {@code /ws/jobs/<id>/} or a {@code
 * job_id} parameter) into the logging context, so every line about that job carries it.
 */
@Component
// After RequestBodyLimitFilter: reading a parameter may parse a form body.
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class JobLogContextFilter extends OncePerRequestFilter {

  private static final Pattern JOB_PATH =
      Pattern.compile("/(?:api|ws)/jobs/([0-9a-fA-F-]{36})(?:/|$)");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String jobId = null;
    Matcher m = JOB_PATH.matcher(request.getRequestURI());
    if (m.find()) {
      jobId = m.group(1);
    } else {
      String param = request.getParameter("job_id");
      if (param != null && param.length() == 36) {
        jobId = param;
      }
    }
    if (jobId == null) {
      chain.doFilter(request, response);
      return;
    }
    try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", jobId)) {
      chain.doFilter(request, response);
    }
  }
}
