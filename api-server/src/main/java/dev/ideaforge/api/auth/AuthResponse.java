package dev.ideaforge.api.auth;

import io.swagger.v3.oas.annotations.media.Schema;

/** Register and login answer: a token pair and the user. */
@Schema(name = "AuthResponse")
record AuthResponse(String access, String refresh, UserJson user) {}
