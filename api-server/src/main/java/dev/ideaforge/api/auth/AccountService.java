package dev.ideaforge.api.auth;

import dev.ideaforge.api.limits.Limit;
import dev.ideaforge.api.limits.RateLimits;
import dev.ideaforge.api.web.ApiException;
import dev.ideaforge.api.web.RequestFields;
import dev.ideaforge.api.web.UniqueViolations;
import dev.ideaforge.model.users.User;
import dev.ideaforge.model.users.UserRepository;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** Registration and login. */
@Service
class AccountService {

  static final int MIN_PASSWORD = 8;
  static final int MAX_PASSWORD = 128;
  static final String BAD_CREDENTIALS = "No active account found with the given credentials";

  private static final Pattern EMAIL =
      Pattern.compile(
          "^[^@\\s\"(),:;<>\\[\\]\\\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");

  /** No "@": a username could otherwise equal another user's email and shadow it at login. */
  private static final Pattern USERNAME = Pattern.compile("^[\\w.+-]+$");

  /** The unique indexes of users (V1__schema.sql) and the field each one guards. */
  private static final Map<String, String> UNIQUE_FIELDS =
      Map.of("users_email_key", "email", "users_username_key", "username");

  private final UserRepository users;
  private final PasswordEncoder passwords;
  private final TokenService tokens;
  private final RateLimits limits;
  private final Clock clock;

  /** Checked when no account matches, so a login costs the same whether or not it exists. */
  private final String decoyHash;

  AccountService(
      UserRepository users,
      PasswordEncoder passwords,
      TokenService tokens,
      RateLimits limits,
      Clock clock) {
    this.users = users;
    this.passwords = passwords;
    this.tokens = tokens;
    this.limits = limits;
    this.clock = clock;
    this.decoyHash = passwords.encode(UUID.randomUUID().toString());
  }

  /**
   * Creates an account; {@code clientAddress} is where the request came from (rate limit). Not one
   * transaction on purpose, here and in login: a request waiting for a hashing slot must not hold a
   * database connection. The unique indexes settle races.
   */
  public AuthResponse register(JsonNode body, String clientAddress) {
    RequestFields fields = RequestFields.of(body);
    String email = fields.requiredString("email", 254);
    fields.check("email", email, e -> EMAIL.matcher(e).matches(), "Enter a valid email address.");
    String password = fields.optionalString("password", Integer.MAX_VALUE, false);
    if (password == null && !fields.hasErrors("password")) {
      fields.error("password", RequestFields.REQUIRED);
    }
    fields.check(
        "password",
        password,
        p -> p.length() >= MIN_PASSWORD,
        "This password is too short. It must contain at least " + MIN_PASSWORD + " characters.");
    fields.check(
        "password",
        password,
        p -> p.length() <= MAX_PASSWORD,
        "Ensure this field has no more than " + MAX_PASSWORD + " characters.");
    if (fields.has("password2")) {
      String password2 = fields.optionalString("password2", Integer.MAX_VALUE, false);
      if (password2 != null && password != null && !password2.equals(password)) {
        fields.error("password2", "Password fields didn't match.");
      }
    }
    String username = fields.optionalString("username", 150);
    fields.check(
        "username",
        username,
        u -> USERNAME.matcher(u).matches(),
        "Enter a valid username. This value may contain only letters, numbers, and ./+/-/_"
            + " characters.");
    String name = fields.optionalText("name", 150);

    if (email != null && !fields.hasErrors("email")) {
      email = normalizeEmail(email);
      if (users.existsByEmailIgnoreCase(email)) {
        fields.error("email", "A user with this email already exists.");
      }
    }
    if (username != null
        && !fields.hasErrors("username")
        && users.existsByUsernameIgnoreCase(username)) {
      fields.error("username", "A user with that username already exists.");
    }
    fields.throwIfInvalid();
    // Counted once the input is valid: a typo is not an account.
    limits.spend(Limit.REGISTER_PER_IP, clientAddress);

    if (username == null) {
      username = deriveUsername(email);
    }
    User user =
        new User(
            email, username, name == null ? "" : name, passwords.encode(password), clock.instant());
    try {
      users.saveAndFlush(user);
    } catch (DataIntegrityViolationException e) {
      // Lost a race with a concurrent registration: the unique index that refused the row says
      // which field; any other integrity error is a bug, not the user's input.
      String field =
          UniqueViolations.constraintOf(e).map(c -> UNIQUE_FIELDS.get(c)).orElseThrow(() -> e);
      throw ApiException.invalid(
          Map.of(
              field,
              List.of(
                  field.equals("email")
                      ? "A user with this email already exists."
                      : "A user with that username already exists.")));
    }
    return respond(user);
  }

  /**
   * Checks the credentials. Every attempt spends from the client address's budget, every failure
   * from the account's (successful logins are free, so nobody is locked out by their own use).
   */
  public AuthResponse login(JsonNode body, String clientAddress) {
    RequestFields fields = RequestFields.of(body);
    String email = fields.has("email") ? fields.requiredString("email", 254) : null;
    String username =
        email == null && !fields.hasErrors("email") ? fields.optionalString("username", 254) : null;
    if (email == null
        && username == null
        && !fields.hasErrors("email")
        && !fields.hasErrors("username")) {
      fields.error("email", RequestFields.REQUIRED);
    }
    String password = fields.optionalString("password", Integer.MAX_VALUE, false);
    if (password == null && !fields.hasErrors("password")) {
      fields.error("password", RequestFields.REQUIRED);
    }
    fields.throwIfInvalid();

    limits.spend(Limit.LOGIN_PER_IP, clientAddress);
    Optional<User> found =
        email != null ? users.findByEmailIgnoreCase(email) : findByUsernameOrEmail(username);
    // One budget per account, whichever name it is addressed by; unknown names get their own.
    String account = found.map(u -> u.getId().toString()).orElse(email != null ? email : username);
    // Spent before the check and given back on success: parallel guesses cannot all pass a
    // check made before any of them failed.
    limits.spend(Limit.LOGIN_FAILURES_PER_ACCOUNT, account);
    // Always run one hash check, so response time does not reveal whether the account exists.
    boolean ok =
        passwords.matches(password, found.map(User::getPasswordHash).orElse(decoyHash))
            && found.isPresent()
            && found.get().isActive();
    if (!ok) {
      throw ApiException.badRequest(BAD_CREDENTIALS);
    }
    limits.giveBack(Limit.LOGIN_FAILURES_PER_ACCOUNT, account);
    return respond(found.get());
  }

  @Transactional(readOnly = true)
  public UserJson me(UUID userId) {
    return users
        .findById(userId)
        .filter(User::isActive)
        .map(UserJson::of)
        .orElseThrow(() -> new InvalidTokenException("User not found"));
  }

  /**
   * Text with an "@" is an email first: new usernames cannot contain one, and an older username
   * that does must not shadow the account whose email it copies.
   */
  private Optional<User> findByUsernameOrEmail(String username) {
    if (!username.contains("@")) {
      return users.findByUsernameIgnoreCase(username);
    }
    Optional<User> byEmail = users.findByEmailIgnoreCase(username);
    return byEmail.isPresent() ? byEmail : users.findByUsernameIgnoreCase(username);
  }

  private AuthResponse respond(User user) {
    TokenService.TokenPair pair = tokens.issue(user.getId());
    return new AuthResponse(pair.access(), pair.refresh(), UserJson.of(user));
  }

  /** Lowercases the domain part, as it is case-insensitive. */
  private static String normalizeEmail(String email) {
    int at = email.lastIndexOf('@');
    return email.substring(0, at) + email.substring(at).toLowerCase(Locale.ROOT);
  }

  /** The email's local part, cleaned, with a number appended until it is free. */
  private String deriveUsername(String email) {
    String base = email.substring(0, email.lastIndexOf('@')).replaceAll("[^\\w.+-]", "");
    if (base.isEmpty()) {
      base = "user";
    }
    base = base.length() > 140 ? base.substring(0, 140) : base;
    String candidate = base;
    for (int n = 2; users.existsByUsernameIgnoreCase(candidate); n++) {
      candidate = base + n;
    }
    return candidate;
  }
}
