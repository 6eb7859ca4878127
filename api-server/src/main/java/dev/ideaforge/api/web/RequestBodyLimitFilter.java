package dev.ideaforge.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body ({@link HttpSettings#maxBodyBytes()}) before anything parses it: Tomcat
 * bounds form posts only, so a JSON body of any size would otherwise be read whole. A declared
 * Content-Length over the limit is refused at once; a chunked body is counted as it is read, and
 * reading fails at the first byte past the limit. Both answer 413 with {@code {"detail": ...}}.
 *
 * <p>First in the chain, so no other filter (the job log context reads parameters, which parses a
 * form body) and no authentication runs on a body that is refused anyway.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimitFilter extends OncePerRequestFilter {

  private final HttpSettings settings;

  RequestBodyLimitFilter(HttpSettings settings) {
    this.settings = settings;
  }

  static String detail(long limit) {
    return "Request body too large: at most " + limit + " bytes are accepted.";
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = settings.maxBodyBytes().toBytes();
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      refuse(response, limit);
      return;
    }
    // Requests without a body (GETs, WebSocket upgrades) pass unwrapped.
    if (declared <= 0 && request.getHeader("Transfer-Encoding") == null) {
      chain.doFilter(request, response);
      return;
    }
    try {
      chain.doFilter(new LimitedRequest(request, limit), response);
    } catch (IOException | ServletException | RuntimeException e) {
      // Anything that read the body without Spring MVC's error handling (another filter, a
      // servlet) lands here; MVC's own readers are answered by ApiExceptionHandler.
      if (BodyTooLargeException.in(e) == null || response.isCommitted()) {
        throw e;
      }
      response.reset();
      refuse(response, limit);
    }
  }

  private static void refuse(HttpServletResponse response, long limit) throws IOException {
    JsonResponses.writeDetail(response, HttpStatus.CONTENT_TOO_LARGE, detail(limit));
  }

  /** The request with its body counted; reading past {@code limit} bytes fails. */
  private static final class LimitedRequest extends HttpServletRequestWrapper {

    private final long limit;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new CountingStream(super.getInputStream(), limit);
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }

  private static final class CountingStream extends ServletInputStream {

    private final ServletInputStream in;
    private final long limit;
    private long count;

    CountingStream(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    private void counted(int n) throws BodyTooLargeException {
      count += n;
      if (count > limit) {
        throw new BodyTooLargeException(limit);
      }
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
