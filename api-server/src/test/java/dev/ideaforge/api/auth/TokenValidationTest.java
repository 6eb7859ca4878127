package dev.ideaforge.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.testsupport.HttpApi;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Every way a bad access token can arrive is a 401 with {@code {"detail": ...}}. */
class TokenValidationTest extends ApiTestBase {

  @Autowired JwtSettings settings;

  private SecretKey key() {
    return Keys.hmacShaKeyFor(settings.secret().getBytes(StandardCharsets.UTF_8));
  }

  private String userId() {
    return register().path("user").path("id").asString();
  }

  private void assertUnauthorized(String token) {
    HttpApi.Response res = api.get("/api/jobs/", token);
    assertThat(res.status()).as(res.toString()).isEqualTo(401);
    assertThat(res.json().path("detail").asString()).isNotBlank();
    assertThat(res.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @Test
  void validTokenIsAccepted() {
    assertThat(api.get("/api/jobs/", newUserToken()).status()).isEqualTo(200);
  }

  @Test
  void missingTokenIs401() {
    HttpApi.Response res = api.get("/api/jobs/", null);
    assertThat(res.status()).isEqualTo(401);
    assertThat(res.json().path("detail").asString())
        .isEqualTo("Authentication credentials were not provided.");
  }

  @Test
  void garbageTokenIs401() {
    assertUnauthorized("not.a.jwt");
  }

  @Test
  void tokenWithForgedSignatureIs401() {
    SecretKey other =
        Keys.hmacShaKeyFor(
            "another-secret-of-sufficient-length-0123456789".getBytes(StandardCharsets.UTF_8));
    String forged =
        Jwts.builder()
            .subject(userId())
            .id(UUID.randomUUID().toString())
            .issuedAt(new Date())
            .expiration(Date.from(Instant.now().plusSeconds(600)))
            .claim("type", "access")
            .signWith(other, Jwts.SIG.HS256)
            .compact();
    assertUnauthorized(forged);
  }

  @Test
  void unsignedAlgNoneTokenIs401() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
    String payload =
        b64.encodeToString(
            ("{\"sub\":\""
                    + userId()
                    + "\",\"jti\":\""
                    + UUID.randomUUID()
                    + "\",\"type\":\"access\","
                    + "\"iat\":"
                    + Instant.now().getEpochSecond()
                    + ",\"exp\":"
                    + (Instant.now().getEpochSecond() + 600)
                    + "}")
                .getBytes());
    assertUnauthorized(header + "." + payload + ".");
  }

  @Test
  void expiredTokenIs401() {
    String expired =
        Jwts.builder()
            .subject(userId())
            .id(UUID.randomUUID().toString())
            .issuedAt(Date.from(Instant.now().minusSeconds(3600)))
            .expiration(Date.from(Instant.now().minusSeconds(60)))
            .claim("type", "access")
            .signWith(key(), Jwts.SIG.HS256)
            .compact();
    assertUnauthorized(expired);
  }

  @Test
  void refreshTokenUsedAsAccessIs401() {
    JsonNode reg = register();
    assertUnauthorized(reg.path("refresh").asString());
  }

  @Test
  void accessTokenCarriesTheDocumentedClaims() {
    String token = newUserToken();
    var claims = Jwts.parser().verifyWith(key()).build().parseSignedClaims(token);
    assertThat(claims.getHeader().getAlgorithm()).isEqualTo("HS256");
    assertThat(claims.getPayload().getSubject()).isNotBlank();
    assertThat(claims.getPayload().getId()).isNotBlank();
    assertThat(claims.getPayload().getIssuedAt()).isNotNull();
    assertThat(claims.getPayload().get("type", String.class)).isEqualTo("access");
    long lifetime =
        claims.getPayload().getExpiration().getTime() - claims.getPayload().getIssuedAt().getTime();
    assertThat(lifetime).isEqualTo(settings.accessTokenLifetime().toMillis());
  }

  @Test
  void nonBearerAuthorizationIs401() {
    HttpApi.Response res = api.send("GET", "/api/jobs/", null, null);
    assertThat(res.status()).isEqualTo(401);
  }
}
