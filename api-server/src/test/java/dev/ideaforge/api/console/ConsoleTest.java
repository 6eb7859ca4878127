package dev.ideaforge.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.testsupport.HttpApi;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The web console that the build bundles into the jar (Vite, from {@code clients/typescript}) is
 * served at {@code /console/} without a token, with its own strict CSP. A build with {@code
 * -Dconsole.skip=true} has none, and says so with a 404.
 */
class ConsoleTest extends ApiTestBase {

  private static final String SKIPPED = "ideaforge.console.skipped";

  private static final Pattern SCRIPT = Pattern.compile("src=\"(/console/assets/[^\"]+\\.js)\"");

  @Test
  @DisabledIfSystemProperty(named = SKIPPED, matches = "true")
  void theConsolePageIsServedToAnyoneWithAStrictContentSecurityPolicy() {
    HttpApi.Response page = api.get("/console/", null);

    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("<script type=\"module\"");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValue(ConsoleConfig.CONTENT_SECURITY_POLICY);
  }

  @Test
  @DisabledIfSystemProperty(named = SKIPPED, matches = "true")
  void itsScriptsAreServedAndCachedForGoodUnderTheirHashedNames() {
    Matcher script = SCRIPT.matcher(api.get("/console/", null).body());
    assertThat(script.find()).as("a module script in index.html").isTrue();

    HttpApi.Response js = api.get(script.group(1), null);

    assertThat(js.status()).isEqualTo(200);
    assertThat(js.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
    assertThat(js.headers().firstValue("Cache-Control"))
        .hasValueSatisfying(c -> assertThat(c).contains("immutable"));
  }

  @Test
  @DisabledIfSystemProperty(named = SKIPPED, matches = "true")
  void theConsoleWithoutItsSlashRedirectsToIt() {
    HttpApi.Response r = api.get("/console", null);

    assertThat(r.status()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));
  }

  @Test
  @EnabledIfSystemProperty(named = SKIPPED, matches = "true")
  void aBuildWithoutTheConsoleAnswers404There() {
    HttpApi.Response page = api.get("/console/", null);

    assertThat(page.status()).isEqualTo(404);
    assertThat(page.json().path("detail").asString()).isEqualTo("Not found.");
  }

  @Test
  void theApiStillNeedsItsToken() {
    assertThat(api.get("/api/jobs/", null).status()).isEqualTo(401);
  }
}
