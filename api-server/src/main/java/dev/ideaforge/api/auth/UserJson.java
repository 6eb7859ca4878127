package dev.ideaforge.api.auth;

import dev.ideaforge.model.users.User;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** A user as the API shows it. */
@Schema(name = "User")
public record UserJson(UUID id, String email, String username, String name, Instant dateJoined) {

  static UserJson of(User user) {
    return new UserJson(
        user.getId(), user.getEmail(), user.getUsername(), user.getName(), user.getDateJoined());
  }
}
