package dev.ideaforge.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.testsupport.HttpApi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AuthApiTest extends ApiTestBase {

  private static String email() {
    return "a-" + UUID.randomUUID() + "@Example.COM";
  }

  private HttpApi.Response refresh(String refresh) {
    return api.post("/api/auth/token/refresh/", Map.of("refresh", refresh), null);
  }

  private JsonNode login(String email) {
    HttpApi.Response res =
        api.post("/api/auth/login/", Map.of("email", email, "password", "longenough1"), null);
    assertThat(res.status()).isEqualTo(200);
    return res.json();
  }

  private HttpApi.Response logout(String refresh, String access) {
    return api.post("/api/auth/logout/", Map.of("refresh", refresh), access);
  }

  private HttpApi.Response registerWith(Map<String, Object> body) {
    return api.post("/api/auth/register/", body, null);
  }

  @Test
  void registerReturnsTokensAndUser() {
    String email = email();
    HttpApi.Response res =
        registerWith(Map.of("email", email, "password", "longenough1", "name", "Ada"));

    assertThat(res.status()).isEqualTo(201);
    JsonNode body = res.json();
    assertThat(body.path("access").asString()).isNotBlank();
    assertThat(body.path("refresh").asString()).isNotBlank();
    JsonNode user = body.path("user");
    assertThat(user.path("id").asString()).isNotBlank();
    assertThat(user.path("email").asString())
        .isEqualTo(email.replace("Example.COM", "example.com"));
    assertThat(user.path("username").asString()).isEqualTo(email.substring(0, email.indexOf('@')));
    assertThat(user.path("name").asString()).isEqualTo("Ada");
    assertThat(user.path("date_joined").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  @Test
  void registerStoresAnArgon2HashNotThePassword() {
    String email = email();
    registerWith(Map.of("email", email, "password", "longenough1"));
    String hash =
        jdbc.queryForObject(
            "select password_hash from users where lower(email) = lower(?)", String.class, email);
    assertThat(hash).startsWith("$argon2id$").doesNotContain("longenough1");
  }

  @Test
  void registerReportsEveryMissingField() {
    HttpApi.Response res = registerWith(Map.of());
    assertThat(res.status()).isEqualTo(400);
    assertThat(res.json().path("email").get(0).asString()).isEqualTo("This field is required.");
    assertThat(res.json().path("password").get(0).asString()).isEqualTo("This field is required.");
  }

  @Test
  void registerRejectsInvalidEmail() {
    HttpApi.Response res = registerWith(Map.of("email", "not-an-email", "password", "longenough1"));
    assertThat(res.status()).isEqualTo(400);
    assertThat(res.json().path("email").get(0).asString())
        .isEqualTo("Enter a valid email address.");
  }

  @Test
  void registerRejectsShortPassword() {
    HttpApi.Response res = registerWith(Map.of("email", email(), "password", "short7!"));
    assertThat(res.status()).isEqualTo(400);
    assertThat(res.json().path("password").get(0).asString()).contains("at least 8 characters");
  }

  @Test
  void registerRejectsMismatchedPassword2() {
    HttpApi.Response res =
        registerWith(
            Map.of("email", email(), "password", "longenough1", "password2", "different1"));
    assertThat(res.status()).isEqualTo(400);
    assertThat(res.json().path("password2").get(0).asString())
        .isEqualTo("Password fields didn't match.");
  }

  @Test
  void registerAcceptsMatchingPassword2() {
    HttpApi.Response res =
        registerWith(
            Map.of("email", email(), "password", "longenough1", "password2", "longenough1"));
    assertThat(res.status()).isEqualTo(201);
  }

  @Test
  void registerRejectsDuplicateEmailInAnyCase() {
    String email = email();
    assertThat(registerWith(Map.of("email", email, "password", "longenough1")).status())
        .isEqualTo(201);
    HttpApi.Response again =
        registerWith(Map.of("email", email.toUpperCase(), "password", "longenough1"));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().path("email").get(0).asString()).contains("already exists");
  }

  @Test
  void registerDerivesAUniqueUsernameFromTheEmail() {
    String local = "same-" + UUID.randomUUID().toString().substring(0, 8);
    JsonNode first =
        registerWith(Map.of("email", local + "@one.example", "password", "longenough1")).json();
    JsonNode second =
        registerWith(Map.of("email", local + "@two.example", "password", "longenough1")).json();
    assertThat(first.path("user").path("username").asString()).isEqualTo(local);
    assertThat(second.path("user").path("username").asString()).isEqualTo(local + "2");
  }

  @Test
  void registerRejectsTakenOrInvalidUsername() {
    String username = "taken-" + UUID.randomUUID().toString().substring(0, 8);
    registerWith(Map.of("email", email(), "password", "longenough1", "username", username));

    HttpApi.Response taken =
        registerWith(Map.of("email", email(), "password", "longenough1", "username", username));
    assertThat(taken.status()).isEqualTo(400);
    assertThat(taken.json().path("username").get(0).asString()).contains("already exists");

    HttpApi.Response invalid =
        registerWith(Map.of("email", email(), "password", "longenough1", "username", "no spaces!"));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().path("username").get(0).asString())
        .startsWith("Enter a valid username");
  }

  @Test
  void loginWithEmailOrUsername() {
    String email = email();
    JsonNode user = registerWith(Map.of("email", email, "password", "longenough1")).json();
    String username = user.path("user").path("username").asString();

    HttpApi.Response byEmail =
        api.post(
            "/api/auth/login/",
            Map.of("email", email.toLowerCase(), "password", "longenough1"),
            null);
    assertThat(byEmail.status()).isEqualTo(200);
    assertThat(byEmail.json().path("access").asString()).isNotBlank();
    assertThat(byEmail.json().path("user").path("id").asString())
        .isEqualTo(user.path("user").path("id").asString());

    HttpApi.Response byUsername =
        api.post("/api/auth/login/", Map.of("username", username, "password", "longenough1"), null);
    assertThat(byUsername.status()).isEqualTo(200);
  }

  @Test
  void loginFailureLooksTheSameWhetherOrNotTheAccountExists() {
    String email = email();
    registerWith(Map.of("email", email, "password", "longenough1"));

    HttpApi.Response wrongPassword =
        api.post("/api/auth/login/", Map.of("email", email, "password", "wrong-password"), null);
    HttpApi.Response noAccount =
        api.post("/api/auth/login/", Map.of("email", email(), "password", "wrong-password"), null);

    assertThat(wrongPassword.status()).isEqualTo(400);
    assertThat(noAccount.status()).isEqualTo(400);
    assertThat(wrongPassword.body()).isEqualTo(noAccount.body());
    assertThat(wrongPassword.json().path("detail").asString()).isNotBlank();
  }

  @Test
  void loginRequiresCredentials() {
    HttpApi.Response res = api.post("/api/auth/login/", Map.of(), null);
    assertThat(res.status()).isEqualTo(400);
    assertThat(res.json().path("email").get(0).asString()).isEqualTo("This field is required.");
    assertThat(res.json().path("password").get(0).asString()).isEqualTo("This field is required.");
  }

  @Test
  void meReturnsTheUser() {
    JsonNode reg = register();
    HttpApi.Response me = api.get("/api/auth/me/", reg.path("access").asString());
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("id").asString()).isEqualTo(reg.path("user").path("id").asString());
    assertThat(me.json().path("email").asString())
        .isEqualTo(reg.path("user").path("email").asString());
  }

  @Test
  void refreshRotatesAndTheOldTokenStopsWorking() {
    JsonNode reg = register();
    String refresh = reg.path("refresh").asString();

    HttpApi.Response rotated =
        api.post("/api/auth/token/refresh/", Map.of("refresh", refresh), null);
    assertThat(rotated.status()).isEqualTo(200);
    String newAccess = rotated.json().path("access").asString();
    String newRefresh = rotated.json().path("refresh").asString();
    assertThat(newRefresh).isNotEqualTo(refresh);
    assertThat(api.get("/api/auth/me/", newAccess).status()).isEqualTo(200);
    assertThat(refresh(newRefresh).status()).isEqualTo(200);

    HttpApi.Response reused = refresh(refresh);
    assertThat(reused.status()).isEqualTo(401);
    assertThat(reused.json().path("detail").asString()).isNotBlank();
  }

  @Test
  void reusingARotatedRefreshTokenRevokesItsChild() {
    String parent = register().path("refresh").asString();
    String child = refresh(parent).json().path("refresh").asString();

    assertThat(refresh(parent).status()).isEqualTo(401);

    // The server cannot tell who holds the child, the thief or the user: the family is revoked.
    HttpApi.Response childAfterReuse = refresh(child);
    assertThat(childAfterReuse.status()).isEqualTo(401);
    assertThat(childAfterReuse.json().path("detail").asString()).isNotBlank();
  }

  @Test
  void parallelRefreshesOfOneTokenLetOneWinAndCountTheRestAsReuse() throws Exception {
    String refresh = register().path("refresh").asString();
    int parallel = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    List<Future<HttpApi.Response>> results = new ArrayList<>();
    try {
      for (int i = 0; i < parallel; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return HttpApi.onPort(port)
                      .post("/api/auth/token/refresh/", Map.of("refresh", refresh), null);
                }));
      }
      start.countDown();
      List<HttpApi.Response> responses = new ArrayList<>();
      for (Future<HttpApi.Response> result : results) {
        responses.add(result.get(30, TimeUnit.SECONDS));
      }

      List<HttpApi.Response> won = responses.stream().filter(r -> r.status() == 200).toList();
      assertThat(won).as("the row lock lets exactly one refresh through").hasSize(1);
      assertThat(responses).filteredOn(r -> r.status() == 401).hasSize(parallel - 1);
      // The losers presented a used token, which is reuse (RFC 9700): the winner's child is
      // revoked with the family.
      assertThat(refresh(won.get(0).json().path("refresh").asString()).status()).isEqualTo(401);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refreshRejectsAnAccessToken() {
    JsonNode reg = register();
    HttpApi.Response res =
        api.post(
            "/api/auth/token/refresh/", Map.of("refresh", reg.path("access").asString()), null);
    assertThat(res.status()).isEqualTo(401);
  }

  @Test
  void refreshRequiresTheField() {
    HttpApi.Response res = api.post("/api/auth/token/refresh/", Map.of(), null);
    assertThat(res.status()).isEqualTo(400);
    assertThat(res.json().path("refresh").get(0).asString()).isEqualTo("This field is required.");
  }

  @Test
  void logoutRevokesTheRefreshToken() {
    JsonNode reg = register();
    String refresh = reg.path("refresh").asString();

    HttpApi.Response logout = api.post("/api/auth/logout/", Map.of("refresh", refresh), null);
    assertThat(logout.status()).isEqualTo(205);
    assertThat(logout.body()).isEmpty();

    assertThat(api.post("/api/auth/token/refresh/", Map.of("refresh", refresh), null).status())
        .isEqualTo(401);
  }

  @Test
  void accessTokenIsRefusedRightAfterLogout() {
    JsonNode reg = register();
    String access = reg.path("access").asString();
    assertThat(api.get("/api/auth/me/", access).status()).isEqualTo(200);

    assertThat(logout(reg.path("refresh").asString(), null).status()).isEqualTo(205);

    HttpApi.Response after = api.get("/api/auth/me/", access);
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.json().path("detail").asString()).contains("revoked");
  }

  @Test
  void accessTokensOfTheFamilyAreRefusedAfterReuse() {
    String parent = register().path("refresh").asString();
    String childAccess = refresh(parent).json().path("access").asString();
    assertThat(api.get("/api/auth/me/", childAccess).status()).isEqualTo(200);

    assertThat(refresh(parent).status()).isEqualTo(401);

    assertThat(api.get("/api/auth/me/", childAccess).status()).isEqualTo(401);
  }

  @Test
  void logoutAlsoRevokesTheAccessTokenOfItsAuthorizationHeader() {
    String email = email();
    registerWith(Map.of("email", email, "password", "longenough1"));
    JsonNode laptop = login(email);
    JsonNode phone = login(email);

    // The laptop's session ends, sent with the phone's access token by mistake: that one token is
    // revoked as asked, the phone's login is not.
    String phoneAccess = phone.path("access").asString();
    assertThat(logout(laptop.path("refresh").asString(), phoneAccess).status()).isEqualTo(205);

    assertThat(api.get("/api/auth/me/", phoneAccess).status()).isEqualTo(401);
    String renewed = refresh(phone.path("refresh").asString()).json().path("access").asString();
    assertThat(api.get("/api/auth/me/", renewed).status()).isEqualTo(200);
  }

  @Test
  void registerAcceptsAnOptionalUsernameAndName() {
    Map<String, Object> body = new HashMap<>();
    String username = "chosen_" + UUID.randomUUID().toString().substring(0, 6);
    body.put("email", email());
    body.put("password", "longenough1");
    body.put("username", username);
    body.put("name", null);
    HttpApi.Response res = registerWith(body);
    assertThat(res.status()).isEqualTo(201);
    assertThat(res.json().path("user").path("username").asString()).isEqualTo(username);
    assertThat(res.json().path("user").path("name").asString()).isEmpty();
  }
}
