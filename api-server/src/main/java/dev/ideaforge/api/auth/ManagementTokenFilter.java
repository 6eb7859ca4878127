package dev.ideaforge.api.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Grants {@code ROLE_OPERATOR} on {@code /actuator/} paths to a request carrying the operator's
 * bearer token ({@code MANAGEMENT_TOKEN}). Any other bearer is left to {@link
 * JwtAuthenticationFilter}: a signed-in user is still no operator, and a bad token is still a 401.
 */
class ManagementTokenFilter extends OncePerRequestFilter {

  static final String ROLE = "OPERATOR";
  private static final String BEARER = "Bearer ";

  private final ManagementSettings settings;

  ManagementTokenFilter(ManagementSettings settings) {
    this.settings = settings;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !settings.tokenConfigured() || !request.getRequestURI().startsWith("/actuator/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null
        && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        && matches(header.substring(BEARER.length()).strip())) {
      SecurityContextHolder.getContext()
          .setAuthentication(
              new UsernamePasswordAuthenticationToken(
                  "operator", null, List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
    }
    chain.doFilter(request, response);
  }

  /** Constant time, so response timing does not reveal how much of a guess was right. */
  private boolean matches(String presented) {
    return MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8),
        settings.token().getBytes(StandardCharsets.UTF_8));
  }
}
