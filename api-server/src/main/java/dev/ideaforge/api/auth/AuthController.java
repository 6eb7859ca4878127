package dev.ideaforge.api.auth;

import dev.ideaforge.api.web.ApiException;
import dev.ideaforge.api.web.RequestFields;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Accounts and tokens, in the shapes the Django version's frontends expect. */
@Tag(name = "auth")
@RestController
@RequestMapping("/api/auth")
class AuthController {

  private final AccountService accounts;
  private final TokenService tokens;

  AuthController(AccountService accounts, TokenService tokens) {
    this.accounts = accounts;
    this.tokens = tokens;
  }

  @Operation(operationId = "register", summary = "Create an account and sign in")
  @io.swagger.v3.oas.annotations.security.SecurityRequirements
  @ApiResponse(
      responseCode = "201",
      description = "Signed up: a token pair and the user",
      content = @Content(schema = @Schema(implementation = AuthResponse.class)))
  @ApiResponse(
      responseCode = "429",
      description = "Too many registrations from this address (Retry-After)")
  @ApiResponse(
      responseCode = "503",
      description = "Password checks are busy; retry after Retry-After")
  @PostMapping("/register/")
  ResponseEntity<AuthResponse> register(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = AuthRequests.Register.class)))
          @RequestBody(required = false)
          JsonNode body,
      HttpServletRequest request) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(accounts.register(body, request.getRemoteAddr()));
  }

  /**
   * The client address is Tomcat's: the peer, or with {@code FORWARD_HEADERS_STRATEGY=native} the
   * address a trusted proxy put in {@code X-Forwarded-For}.
   */
  @Operation(operationId = "login", summary = "Sign in with email or username")
  @io.swagger.v3.oas.annotations.security.SecurityRequirements
  @ApiResponse(
      responseCode = "200",
      description = "A token pair and the user",
      content = @Content(schema = @Schema(implementation = AuthResponse.class)))
  @ApiResponse(
      responseCode = "429",
      description = "Too many logins from this address, or failures for this account (Retry-After)")
  @ApiResponse(
      responseCode = "503",
      description = "Password checks are busy; retry after Retry-After")
  @PostMapping("/login/")
  AuthResponse login(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = AuthRequests.Login.class)))
          @RequestBody(required = false)
          JsonNode body,
      HttpServletRequest request) {
    return accounts.login(body, request.getRemoteAddr());
  }

  @Operation(
      operationId = "refreshToken",
      summary = "Rotate the refresh token: a new pair of the same login")
  @io.swagger.v3.oas.annotations.security.SecurityRequirements
  @ApiResponse(
      responseCode = "200",
      description = "A new token pair; the old refresh token stops working",
      content = @Content(schema = @Schema(implementation = TokenService.TokenPair.class)))
  @ApiResponse(
      responseCode = "401",
      description =
          "Invalid or expired refresh token, or a reused one (which revokes the whole login)")
  @PostMapping("/token/refresh/")
  TokenService.TokenPair refresh(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = AuthRequests.Refresh.class)))
          @RequestBody(required = false)
          JsonNode body) {
    return tokens.rotate(refreshToken(body));
  }

  /**
   * Ends the refresh token's login: its refresh and access tokens stop working. An access token in
   * {@code Authorization} is revoked too; it is optional, since the filter skips this path and a
   * client with an expired one must still be able to log out.
   */
  @Operation(
      operationId = "logout",
      summary =
          "End the login: its refresh and access tokens stop working, its sockets close with 4001")
  @io.swagger.v3.oas.annotations.security.SecurityRequirements
  @ApiResponse(responseCode = "205", description = "Signed out", content = @Content)
  @ApiResponse(responseCode = "401", description = "Invalid refresh token")
  @ApiResponse(
      responseCode = "503",
      description =
          "Tokens cannot be revoked right now (Redis is away); nothing was revoked, retry")
  @PostMapping("/logout/")
  ResponseEntity<Void> logout(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = AuthRequests.Refresh.class)))
          @RequestBody(required = false)
          JsonNode body,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    tokens.logout(refreshToken(body), bearer(authorization));
    return ResponseEntity.status(HttpStatus.RESET_CONTENT).build();
  }

  @Operation(operationId = "me", summary = "The signed-in user")
  @GetMapping("/me/")
  UserJson me(@AuthenticationPrincipal AuthUser user) {
    return accounts.me(user.id());
  }

  @ExceptionHandler(InvalidTokenException.class)
  ResponseEntity<Map<String, String>> invalidToken(InvalidTokenException e) {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .body(Map.of("detail", e.getMessage(), "code", "token_not_valid"));
  }

  @ExceptionHandler(DenyListUnavailableException.class)
  ResponseEntity<Map<String, String>> denyListUnavailable(DenyListUnavailableException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "5")
        .body(Map.of("detail", e.getMessage()));
  }

  private static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = authorization.substring(7).strip();
    return token.isEmpty() ? null : token;
  }

  private static String refreshToken(JsonNode body) {
    RequestFields fields = RequestFields.of(body);
    String refresh = fields.requiredString("refresh", 4096);
    fields.throwIfInvalid();
    if (refresh == null) {
      throw ApiException.badRequest("A refresh token is required.");
    }
    return refresh;
  }
}
