package dev.ideaforge.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.testsupport.HttpApi;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "ideaforge.jobs.allow-purge=true")
class JobPurgeEnabledTest extends ApiTestBase {

  @Test
  void purgeDeletesOnlyMyJobsAndCountsThem() {
    String mine = newUserToken();
    String theirs = newUserToken();
    createJob(mine, "one");
    createJob(mine, "two");
    createJob(theirs, "not mine");

    HttpApi.Response res = api.delete("/api/jobs/purge/", mine);

    assertThat(res.status()).isEqualTo(200);
    assertThat(res.json().path("deleted").asInt()).isEqualTo(2);
    assertThat(api.get("/api/jobs/", mine).json().size()).isZero();
    assertThat(api.get("/api/jobs/", theirs).json().size()).isEqualTo(1);
  }
}
