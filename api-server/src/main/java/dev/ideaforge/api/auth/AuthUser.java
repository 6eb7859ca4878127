package dev.ideaforge.api.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * The authenticated caller, taken from a verified access token.
 *
 * @param id the user id (the token's {@code sub})
 * @param tokenExpiresAt when the access token expires (sockets close then)
 */
public record AuthUser(UUID id, Instant tokenExpiresAt) {}
