package dev.ideaforge.api.auth;

import dev.ideaforge.api.web.JsonResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <access>}. A present but bad token is answered 401
 * here (filter errors never reach the controller advice); a missing token is left to the entry
 * point of the endpoints that need one. While the deny-list (Redis) cannot be reached, a token is
 * answered 503 rather than accepted: it might have been revoked.
 */
class JwtAuthenticationFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";

  private final TokenService tokens;

  JwtAuthenticationFilter(TokenService tokens) {
    this.tokens = tokens;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    // The token endpoints take credentials in the body; a stale header must not block a login.
    // WebSocket handshakes authenticate in the socket handler, which closes with code 4001.
    String path = request.getRequestURI();
    return (path.startsWith("/api/auth/") && !path.equals("/api/auth/me/"))
        || path.startsWith("/ws/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    // Already authenticated: the operator's token on an actuator path, which is no JWT.
    if (header == null
        || header.isBlank()
        || SecurityContextHolder.getContext().getAuthentication() != null) {
      chain.doFilter(request, response);
      return;
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      reject(response, "Authorization header must be \"Bearer <access token>\".");
      return;
    }
    AuthUser user;
    try {
      user = tokens.verifyAccess(header.substring(BEARER.length()).strip());
    } catch (InvalidTokenException e) {
      reject(response, "Given token not valid for any token type: " + e.getMessage() + ".");
      return;
    } catch (DenyListUnavailableException e) {
      response.setHeader(HttpHeaders.RETRY_AFTER, "5");
      JsonResponses.writeDetail(response, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
      return;
    }
    var authentication = new UsernamePasswordAuthenticationToken(user, null, List.of());
    SecurityContextHolder.getContext().setAuthentication(authentication);
    chain.doFilter(request, response);
  }

  private static void reject(HttpServletResponse response, String detail) throws IOException {
    response.setHeader(
        HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"api\", error=\"invalid_token\"");
    JsonResponses.writeDetail(response, HttpStatus.UNAUTHORIZED, detail);
  }
}
