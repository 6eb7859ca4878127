package dev.ideaforge.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.testsupport.HttpApi;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text PostgreSQL cannot store (NUL) or that is not valid Unicode (a lone surrogate, which would be
 * stored as "?") is a 400 on the field it came in, wherever user text enters over REST. Bodies are
 * written by hand, as JSON escapes, so the server's parser is what decodes them.
 */
class TextInputTest extends ApiTestBase {

  /** The JSON escape of a NUL character. */
  private static final String NUL = "\\u0000";

  private static String email() {
    return "text-" + UUID.randomUUID() + "@example.com";
  }

  private static void assertInvalidText(HttpApi.Response res, String field) {
    assertThat(res.status()).as(res.toString()).isEqualTo(400);
    assertThat(res.json().path(field).isArray()).as(res.toString()).isTrue();
    assertThat(res.json().path(field).get(0).asString()).as(res.toString()).isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {NUL, "\\ud800", "\\udc00"})
  void aJobPromptWithInvalidTextIs400OnPrompt(String bad) {
    String token = newUserToken();
    HttpApi.Response res = api.post("/api/jobs/", "{\"prompt\":\"an " + bad + " idea\"}", token);

    assertInvalidText(res, "prompt");
    assertThat(api.get("/api/jobs/", token).json()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {NUL, "\\ud83d"})
  void aPatchedPromptWithInvalidTextIs400OnInitialPrompt(String bad) {
    String token = newUserToken();
    String jobId = createJob(token, "idea").path("id").asString();
    HttpApi.Response res =
        api.patch("/api/jobs/" + jobId + "/", "{\"initial_prompt\":\"x" + bad + "\"}", token);

    assertInvalidText(res, "initial_prompt");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"content", "sender"})
  void aMessageFieldWithNulIs400OnThatField(String field) {
    String token = newUserToken();
    String jobId = createJob(token, "idea").path("id").asString();
    String content = field.equals("content") ? "a" + NUL : "fine";
    String sender = field.equals("sender") ? "a" + NUL : "me";
    HttpApi.Response res =
        api.post(
            "/api/job-messages/",
            "{\"job_id\":\"%s\",\"role\":\"user\",\"content\":\"%s\",\"sender\":\"%s\"}"
                .formatted(jobId, content, sender),
            token);

    assertInvalidText(res, field);
    assertThat(api.get("/api/job-messages/?job_id=" + jobId, token).json()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"k\":\"v" + NUL + "\"}",
        "{\"k" + NUL + "\":\"v\"}",
        "{\"k\":[1,{\"deep\":\"\\ud800\"}]}",
        "{\"outer\":{\"k" + NUL + "\":1}}"
      })
  void metadataWithInvalidTextInAnyValueOrKeyIs400OnMetadata(String metadata) {
    String token = newUserToken();
    String jobId = createJob(token, "idea").path("id").asString();
    HttpApi.Response res =
        api.post(
            "/api/job-messages/",
            "{\"job_id\":\"%s\",\"role\":\"user\",\"content\":\"x\",\"metadata\":%s}"
                .formatted(jobId, metadata),
            token);

    assertInvalidText(res, "metadata");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"email", "username", "password"})
  void aLoginFieldWithNulIs400OnThatField(String field) {
    String body =
        switch (field) {
          case "email" -> "{\"email\":\"a" + NUL + "@example.com\",\"password\":\"longenough1\"}";
          case "username" -> "{\"username\":\"a" + NUL + "\",\"password\":\"longenough1\"}";
          default -> "{\"email\":\"a@example.com\",\"password\":\"longenough1" + NUL + "\"}";
        };
    assertInvalidText(api.post("/api/auth/login/", body, null), field);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"name", "username", "email", "password"})
  void aRegisterFieldWithNulIs400OnThatField(String field) {
    String name = field.equals("name") ? "Ann" + NUL : "Ann";
    String username = field.equals("username") ? "ann" + NUL : "ann" + UUID.randomUUID();
    String email = field.equals("email") ? "a" + NUL + email() : email();
    String password = field.equals("password") ? "longenough1" + NUL : "longenough1";
    HttpApi.Response res =
        api.post(
            "/api/auth/register/",
            "{\"email\":\"%s\",\"password\":\"%s\",\"username\":\"%s\",\"name\":\"%s\"}"
                .formatted(email, password, username.replace("-", ""), name),
            null);

    assertInvalidText(res, field);
  }

  @Test
  void aRefreshTokenWithNulIs400NotAServerError() {
    HttpApi.Response res =
        api.post("/api/auth/token/refresh/", "{\"refresh\":\"a" + NUL + "\"}", null);

    assertInvalidText(res, "refresh");
  }

  @Test
  void aUsernameWithAnAtSignIsRefused() {
    HttpApi.Response res =
        api.post(
            "/api/auth/register/",
            Map.of("email", email(), "password", "longenough1", "username", "someone@example.com"),
            null);

    assertInvalidText(res, "username");
    assertThat(res.json().path("username").get(0).asString()).doesNotContain("@");
  }

  @Test
  void aUsernameCannotTakeAnotherUsersEmailToBlockTheirUsernameLogin() {
    String victimEmail = email();
    assertThat(
            api.post(
                    "/api/auth/register/",
                    Map.of("email", victimEmail, "password", "victims-password"),
                    null)
                .status())
        .isEqualTo(201);
    HttpApi.Response squat =
        api.post(
            "/api/auth/register/",
            Map.of("email", email(), "password", "longenough1", "username", victimEmail),
            null);
    assertThat(squat.status()).isEqualTo(400);

    HttpApi.Response login =
        api.post(
            "/api/auth/login/",
            Map.of("username", victimEmail, "password", "victims-password"),
            null);
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
  }
}
