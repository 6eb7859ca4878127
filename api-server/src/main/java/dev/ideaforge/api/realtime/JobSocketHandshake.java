package dev.ideaforge.api.realtime;

import dev.ideaforge.api.auth.AuthUser;
import dev.ideaforge.api.auth.DenyListUnavailableException;
import dev.ideaforge.api.auth.InvalidTokenException;
import dev.ideaforge.api.auth.TokenService;
import dev.ideaforge.model.events.JobEventLog;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads who is connecting and from which seq. The handshake itself always succeeds (origin aside):
 * the close codes 4001/4003 can only be sent on an open socket, so the handler closes it.
 *
 * <p>The access token comes from {@code Authorization: Bearer}, or, for browsers (which cannot set
 * headers), as the subprotocol {@code ideaforge.bearer.<token>} offered beside {@link #PROTOCOL}:
 * {@code new WebSocket(url, ["ideaforge.v1", "ideaforge.bearer." + access])}. Unlike {@code
 * ?token=} (dev only), a header never ends up in access logs; the answer names {@link #PROTOCOL}
 * only, never the token.
 */
class JobSocketHandshake implements HandshakeInterceptor {

  static final String USER = "ideaforge.user";
  static final String AUTH_ERROR = "ideaforge.authError";
  static final String AUTH_UNAVAILABLE = "ideaforge.authUnavailable";
  static final String AFTER = "ideaforge.after";
  static final String LOG_END = "ideaforge.logEnd";

  /** The protocol a browser offers with its token, and the one the server answers with. */
  static final String PROTOCOL = "ideaforge.v1";

  static final String BEARER_PROTOCOL = "ideaforge.bearer.";

  private final TokenService tokens;
  private final JobEventLog events;
  private final WebSocketSettings settings;

  JobSocketHandshake(TokenService tokens, JobEventLog events, WebSocketSettings settings) {
    this.tokens = tokens;
    this.events = events;
    this.settings = settings;
  }

  @Override
  public boolean beforeHandshake(
      ServerHttpRequest request,
      ServerHttpResponse response,
      WebSocketHandler handler,
      Map<String, Object> attributes) {
    Map<String, List<String>> query =
        UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
    String token = bearer(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
    if (token == null) {
      token = offeredToken(request.getHeaders());
    }
    if (token == null && settings.allowTokenQuery() && query.containsKey("token")) {
      token = query.get("token").get(0);
    }
    if (token == null) {
      attributes.put(AUTH_ERROR, "Authentication credentials were not provided.");
    } else {
      try {
        AuthUser user = tokens.verifyAccess(token);
        attributes.put(USER, user);
        // A socket without ?after= gets what commits after this point: read before the client
        // sees the handshake answer, so nothing it does after connecting can fall before it.
        UUID jobId = JobSocketHandler.jobIdOf(request.getURI());
        if (jobId != null && !query.containsKey("after")) {
          attributes.put(LOG_END, events.lastSeq(jobId));
        }
      } catch (InvalidTokenException e) {
        attributes.put(AUTH_ERROR, e.getMessage());
      } catch (DenyListUnavailableException e) {
        // Fail closed, but not with 4001: the token may be fine, and a client that refreshes on
        // 4001 would only rotate its tokens for nothing. 1011 says "try again later".
        attributes.put(AUTH_UNAVAILABLE, e.getMessage());
      }
    }
    if (query.containsKey("after")) {
      attributes.put(AFTER, query.get("after").get(0));
    }
    return true;
  }

  @Override
  public void afterHandshake(
      ServerHttpRequest request,
      ServerHttpResponse response,
      WebSocketHandler handler,
      Exception exception) {}

  /** The token a browser offered as the subprotocol {@code ideaforge.bearer.<token>}, if any. */
  private static String offeredToken(HttpHeaders headers) {
    List<String> offered = headers.get(WebSocketHttpHeaders.SEC_WEBSOCKET_PROTOCOL);
    if (offered == null) {
      return null;
    }
    return offered.stream()
        .flatMap(value -> Arrays.stream(value.split(",")))
        .map(String::strip)
        .filter(p -> p.startsWith(BEARER_PROTOCOL) && p.length() > BEARER_PROTOCOL.length())
        .map(p -> p.substring(BEARER_PROTOCOL.length()))
        .findFirst()
        .orElse(null);
  }

  private static String bearer(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).strip();
    return token.isEmpty() ? null : token;
  }
}
