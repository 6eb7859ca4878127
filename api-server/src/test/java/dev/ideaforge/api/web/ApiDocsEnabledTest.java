package dev.ideaforge.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** API_DOCS_ENABLED turns the OpenAPI description and Swagger UI on outside dev. */
@TestPropertySource(properties = "ideaforge.api-docs.enabled=true")
class ApiDocsEnabledTest extends ApiTestBase {

  @Test
  void apiDocsAndSwaggerUiAnswerAnonymouslyWhenEnabled() {
    assertThat(api.get("/v3/api-docs", null).status()).isEqualTo(200);
    assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
  }
}
