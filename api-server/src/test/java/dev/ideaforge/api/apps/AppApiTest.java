package dev.ideaforge.api.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.testsupport.HttpApi;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AppApiTest extends ApiTestBase {

  private String storeApp(String jobId) {
    return jdbc.queryForObject(
        "insert into apps (id, job_id, spec, created_at, updated_at) values (gen_random_uuid(),"
            + " ?::uuid, '{\"summary\": \"# PRD\", \"requirements\": \"r\", \"discussion\": []}'::jsonb,"
            + " now(), now()) returning id::text",
        String.class,
        jobId);
  }

  @Test
  void byJobIs204WithNoBodyUntilTheAppExists() {
    String token = newUserToken();
    String jobId = createJob(token, "idea").path("id").asString();

    HttpApi.Response before = api.get("/api/apps/by-job/" + jobId + "/", token);
    assertThat(before.status()).isEqualTo(204);
    assertThat(before.body()).isEmpty();

    String appId = storeApp(jobId);
    HttpApi.Response after = api.get("/api/apps/by-job/" + jobId + "/", token);
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.json().path("id").asString()).isEqualTo(appId);
    assertThat(after.json().path("job_id").asString()).isEqualTo(jobId);
    assertThat(after.json().path("spec").path("summary").asString()).isEqualTo("# PRD");
    assertThat(after.json().path("created_at").asString()).endsWith("Z");
    assertThat(after.json().path("updated_at").asString()).endsWith("Z");
  }

  @Test
  void listAndGetShowMyApps() {
    String token = newUserToken();
    String appId = storeApp(createJob(token, "idea").path("id").asString());
    storeApp(createJob(newUserToken(), "other").path("id").asString());

    JsonNode list = api.get("/api/apps/", token).json();
    assertThat(list.isArray()).isTrue();
    assertThat(list.size()).isEqualTo(1);
    assertThat(list.get(0).path("id").asString()).isEqualTo(appId);

    HttpApi.Response one = api.get("/api/apps/" + appId + "/", token);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().path("spec").path("requirements").asString()).isEqualTo("r");
  }
}
