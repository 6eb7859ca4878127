package dev.ideaforge.api.auth;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * The request bodies of {@code /api/auth/}, for the OpenAPI description. {@link AccountService}
 * reads the raw JSON itself, so that every invalid field gets its own DRF-style message.
 */
final class AuthRequests {

  private AuthRequests() {}

  @Schema(name = "RegisterRequest")
  record Register(
      @Schema(requiredMode = RequiredMode.REQUIRED, format = "email", maxLength = 254) String email,
      @Schema(
              requiredMode = RequiredMode.REQUIRED,
              minLength = AccountService.MIN_PASSWORD,
              maxLength = AccountService.MAX_PASSWORD)
          String password,
      @Schema(description = "Display name", maxLength = 150) String name,
      @Schema(
              description = "Letters, digits and . + - _ (never @); defaults to the email",
              maxLength = 150)
          String username,
      @Schema(description = "When given, must equal password") String password2) {}

  @Schema(
      name = "LoginRequest",
      description = "Either email or username (a name with @ is looked up as an email first)")
  record Login(
      @Schema(maxLength = 254) String email,
      @Schema(maxLength = 254) String username,
      @Schema(requiredMode = RequiredMode.REQUIRED) String password) {}

  @Schema(name = "RefreshRequest")
  record Refresh(@Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 4096) String refresh) {}
}
